import { hkdfSync } from "node:crypto";

// One secret, a key per purpose: tickets, realtime session tokens and device cookies are each
// signed with a key derived from their secret under a label of their own (HKDF-SHA256), so that
// no MAC made for one purpose is ever valid for another.

const derived = new Map<string, { secret: string; key: Buffer }>();

/** The 32-byte key for `label` under `secret`, derived once per secret: signing is on hot paths. */
export function derivedKey(secret: string, label: string): Buffer {
  const known = derived.get(label);
  if (known?.secret === secret) return known.key;
  // No salt: RFC 5869 makes it optional, and a fixed one would add nothing to the label.
  const key = Buffer.from(hkdfSync("sha256", secret, "", label, 32));
  derived.set(label, { secret, key });
  return key;
}
