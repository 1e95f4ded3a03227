import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { issueTicket, ticketKey, verifyTicket } from "@/lib/credentials/ticket/format";

const keys = { appKey: "278d425bdf160c739803", secret: "7ad3773142a6692b25b8" };
const NOW = Date.UTC(2026, 0, 1);

function decode(ticket: string) {
  const [encoded = ""] = ticket.split(".");
  return JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
}

/** Re-encodes a payload, signed with `secret`: how a forger with (or without) the secret would. */
function forge(payload: object, secret: string): string {
  const json = JSON.stringify(payload);
  const signature = createHmac("sha256", secret).update(json).digest("base64url");
  return `${Buffer.from(json).toString("base64url")}.${signature}`;
}

describe("tickets", () => {
  it("carries the identity, app key, creation, lifetime and a nonce", () => {
    const { userTicket, expiresAt } = issueTicket("user-1", keys, {
      ttlSeconds: 600,
      flow: "backend",
      now: NOW,
    });
    expect(decode(userTicket)).toMatchObject({
      identity: { type: "username", endpoint: "user-1" },
      applicationKey: keys.appKey,
      created: NOW,
      expiresIn: 600,
      flow: "backend",
    });
    expect(decode(userTicket).nonce).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(expiresAt).toBe(new Date(NOW + 600_000).toISOString());
  });

  it("is signed with HMAC-SHA256 of the JSON under a key derived for tickets alone", () => {
    const { userTicket } = issueTicket("user-1", keys, {
      ttlSeconds: 600,
      flow: "backend",
      now: NOW,
    });
    const [encoded = "", signature] = userTicket.split(".");
    const json = Buffer.from(encoded, "base64url").toString("utf8");
    expect(signature).toBe(
      createHmac("sha256", ticketKey(keys.secret)).update(json).digest("base64url"),
    );
    // A webhook signature is HMAC-SHA256 of the body under the app secret itself.
    expect(signature).not.toBe(createHmac("sha256", keys.secret).update(json).digest("base64url"));
  });

  it("derives the ticket key with HKDF-SHA256, labelled for tickets", () => {
    // Computed once with hkdfSync("sha256", secret, "", "realtime-auth-kit/ticket/v1", 32) and by
    // hand from RFC 5869; it pins the derivation, so changing it is a deliberate act.
    expect(ticketKey(keys.secret).toString("hex")).toBe(
      "605aa17ff5de12359fe411196315f090aaf0f4f31b96c5a82860fe00161db63e",
    );
    expect(ticketKey("another-secret").equals(ticketKey(keys.secret))).toBe(false);
  });

  it("refuses a ticket signed with the app secret itself, as tickets were before", () => {
    const { userTicket } = issueTicket("user-1", keys, {
      ttlSeconds: 600,
      flow: "backend",
      now: NOW,
    });
    const oldStyle = forge(decode(userTicket), keys.secret);
    expect(verifyTicket(oldStyle, keys, NOW)).toEqual({ ok: false, code: "ticket_tampered" });
  });

  it("never verifies a ticket under another secret, whichever key was derived last", () => {
    const rotated = { appKey: keys.appKey, secret: "a-rotated-secret" };
    const { userTicket } = issueTicket("user-1", rotated, {
      ttlSeconds: 600,
      flow: "backend",
      now: NOW,
    });
    expect(verifyTicket(userTicket, keys, NOW)).toEqual({ ok: false, code: "ticket_tampered" });
    expect(verifyTicket(userTicket, rotated, NOW).ok).toBe(true);
  });

  it("verifies until it expires, then says so", () => {
    const { userTicket } = issueTicket("user-1", keys, {
      ttlSeconds: 600,
      flow: "backend",
      now: NOW,
    });
    const ok = verifyTicket(userTicket, keys, NOW + 599_999);
    expect(ok.ok && ok.payload.identity.endpoint).toBe("user-1");
    expect(verifyTicket(userTicket, keys, NOW + 600_000)).toEqual({
      ok: false,
      code: "ticket_expired",
    });
  });

  it("detects any change to the payload or the signature", () => {
    const { userTicket } = issueTicket("user-1", keys, {
      ttlSeconds: 600,
      flow: "backend",
      now: NOW,
    });
    const promoted = forge(
      { ...decode(userTicket), identity: { type: "username", endpoint: "admin" } },
      "guess",
    );
    expect(verifyTicket(promoted, keys, NOW)).toEqual({ ok: false, code: "ticket_tampered" });

    const [encoded, signature = ""] = userTicket.split(".");
    const flipped = `${encoded}.${signature.slice(0, 10)}${signature[10] === "A" ? "B" : "A"}${signature.slice(11)}`;
    expect(verifyTicket(flipped, keys, NOW)).toEqual({ ok: false, code: "ticket_tampered" });
    expect(verifyTicket(`${encoded}.${signature.slice(0, 8)}`, keys, NOW)).toEqual({
      ok: false,
      code: "ticket_tampered",
    });
  });

  it("accepts only the canonical spelling of each part", () => {
    const { userTicket } = issueTicket("user-1", keys, {
      ttlSeconds: 600,
      flow: "backend",
      now: NOW,
    });
    const [encoded = "", signature = ""] = userTicket.split(".");
    // The last character of a base64url string carries spare bits that decoders ignore.
    const respell = (part: string) => {
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      for (const c of alphabet) {
        const candidate = part.slice(0, -1) + c;
        if (
          candidate !== part &&
          Buffer.from(candidate, "base64url").equals(Buffer.from(part, "base64url"))
        )
          return candidate;
      }
      return undefined;
    };
    const payloadVariant = respell(encoded);
    const signatureVariant = respell(signature);
    expect(payloadVariant ?? signatureVariant).toBeDefined();
    for (const variant of [
      payloadVariant && `${payloadVariant}.${signature}`,
      signatureVariant && `${encoded}.${signatureVariant}`,
    ]) {
      if (variant)
        expect(verifyTicket(variant, keys, NOW)).toEqual({ ok: false, code: "ticket_malformed" });
    }
    expect(verifyTicket(userTicket, keys, NOW).ok).toBe(true);
  });

  it("names a ticket made for another app", () => {
    const other = { appKey: "another-app-key", secret: "another-secret" };
    const { userTicket } = issueTicket("user-1", other, {
      ttlSeconds: 600,
      flow: "backend",
      now: NOW,
    });
    expect(verifyTicket(userTicket, keys, NOW)).toEqual({ ok: false, code: "ticket_wrong_app" });
  });

  it.each(["", "abc", "a.b.c", "!!!.???", `${Buffer.from("[]").toString("base64url")}.x`])(
    "rejects the malformed %j",
    (ticket) => {
      expect(verifyTicket(ticket, keys, NOW)).toEqual({ ok: false, code: "ticket_malformed" });
    },
  );
});
