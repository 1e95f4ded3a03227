import { createHmac, timingSafeEqual } from "node:crypto";
import { derivedKey } from "@/lib/crypto/derived-key";

// A realtime session's token: "rts_" id "." generation "." base64url(HMAC-SHA256 of "id.generation"
// under a key derived from the app secret). Each use that rotates the session adds one to its
// generation, so the server stores no token, tells the current one from one rotated out, and
// can answer the current one again after a lost response. Only a holder of the secret can mint one.

const PREFIX = "rts_";

/** Its HKDF label: the key signs session tokens alone. Changing it ends every session. */
const SESSION_KEY_INFO = "realtime-auth-kit/realtime-session/v1";

const FORMAT = /^rts_([0-9a-f-]{36})\.(0|[1-9]\d{0,8})\.([A-Za-z0-9_-]{43})$/;

function mac(secret: string, id: string, generation: number): Buffer {
  return createHmac("sha256", derivedKey(secret, SESSION_KEY_INFO))
    .update(`${id}.${generation}`)
    .digest();
}

/** The token of a session's `generation`. */
export function sessionToken(secret: string, id: string, generation: number): string {
  return `${PREFIX}${id}.${generation}.${mac(secret, id, generation).toString("base64url")}`;
}

/** Which session and generation a token names, if this app minted it; else undefined. */
export function readSessionToken(
  secret: string,
  token: string,
): { id: string; generation: number } | undefined {
  const match = FORMAT.exec(token);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  const id = match[1];
  const generation = Number(match[2]);
  // Compared as text: base64url's last character carries spare bits, so two strings decode alike.
  const given = Buffer.from(match[3]);
  const expected = Buffer.from(mac(secret, id, generation).toString("base64url"));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { id, generation };
}
