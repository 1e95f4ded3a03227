import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type RelyingParty, relyingParty } from "@/lib/credentials/passkey/relying-party";
import {
  authenticationResponseSchema,
  registrationResponseSchema,
} from "@/lib/credentials/passkey/responses";
import {
  counterWentBack,
  type StoredCredential,
  userHandleNames,
  verifyAssertion,
  verifyRegistration,
} from "@/lib/credentials/passkey/verify";

// The WebAuthn checks on answers that Chromium's virtual authenticator gave for
// http://localhost:3000 (recorded by tests/unit/fixtures/record-passkeys.ts): one registration,
// two sign-ins in a row, and one without user verification.

const fixtures = JSON.parse(readFileSync("tests/unit/fixtures/passkeys.json", "utf8"));
const registration = registrationResponseSchema.parse(fixtures.registration.response);
const [first, second, unverified] = [fixtures.first, fixtures.second, fixtures.unverified].map(
  (recorded) => ({
    challenge: String(recorded.challenge),
    response: authenticationResponseSchema.parse(recorded.response),
  }),
);
if (!first || !second || !unverified) throw new Error("passkeys.json lacks an assertion");

/** The app on localhost, as an unconfigured local run is. */
const local = relyingParty({
  PASSKEY_ORIGIN: undefined,
  PASSKEY_RP_ID: undefined,
  AUTH_URL: undefined,
});
const elsewhere = (changes: Partial<RelyingParty>): RelyingParty => ({ ...local, ...changes });

async function registered(): Promise<StoredCredential> {
  const added = await verifyRegistration(registration, fixtures.registration.challenge, local);
  if (!added.ok) throw new Error(`The recorded registration failed: ${added.code}`);
  return added.credential;
}

describe("passkey registration", () => {
  it("verifies the recorded answer, and keeps its id, key and counter", async () => {
    const credential = await registered();
    expect(credential.id).toBe(registration.id);
    expect(credential.publicKey.length).toBeGreaterThan(40);
    expect(credential.transports).toContain("internal");
  });

  it("refuses it for another challenge, origin or RP ID", async () => {
    const challenge = fixtures.registration.challenge;
    expect(await verifyRegistration(registration, first.challenge, local)).toEqual({
      ok: false,
      code: "passkey_invalid",
    });
    const evilOrigin = elsewhere({ expectedOrigin: () => "https://evil.example" });
    expect((await verifyRegistration(registration, challenge, evilOrigin)).ok).toBe(false);
    const otherRp = elsewhere({ id: "example.com" });
    expect((await verifyRegistration(registration, challenge, otherRp)).ok).toBe(false);
  });
});

describe("passkey assertion", () => {
  it("verifies two sign-ins in a row, each with a higher counter", async () => {
    const stored = await registered();
    const one = await verifyAssertion(first.response, first.challenge, local, stored);
    if (!one.ok) throw new Error(one.code);
    const two = await verifyAssertion(second.response, second.challenge, local, {
      ...stored,
      counter: one.newCounter,
    });
    if (!two.ok) throw new Error(two.code);
    expect(two.newCounter).toBeGreaterThan(one.newCounter);
  });

  it("refuses an answer whose counter does not pass the stored one: a possible clone", async () => {
    const stored = await registered();
    const two = await verifyAssertion(second.response, second.challenge, local, stored);
    if (!two.ok) throw new Error(two.code);
    // The first answer, replayed (or made by a copy) after the second was seen.
    const replayed = await verifyAssertion(first.response, first.challenge, local, {
      ...stored,
      counter: two.newCounter,
    });
    expect(replayed).toEqual({ ok: false, code: "passkey_counter_regression" });
  });

  it("refuses another challenge, origin, RP ID or key", async () => {
    const stored = await registered();
    const check = (challenge: string, rp: RelyingParty, credential = stored) =>
      verifyAssertion(first.response, challenge, rp, credential);
    const invalid = { ok: false, code: "passkey_invalid" };
    expect(await check(second.challenge, local)).toEqual(invalid);
    expect(
      await check(first.challenge, elsewhere({ expectedOrigin: () => "https://evil.example" })),
    ).toEqual(invalid);
    expect(await check(first.challenge, elsewhere({ id: "example.com" }))).toEqual(invalid);
    const otherKey = { ...stored, publicKey: stored.publicKey.replace(/^.{8}/, "AAAAAAAA") };
    expect(await check(first.challenge, local, otherKey)).toEqual(invalid);
  });

  it("refuses an answer without user verification, with its own code", async () => {
    const stored = await registered();
    expect(await verifyAssertion(unverified.response, unverified.challenge, local, stored)).toEqual(
      { ok: false, code: "passkey_not_verified" },
    );
  });
});

describe("counterWentBack", () => {
  it.each([
    [0, 0, false],
    [0, 1, false],
    [5, 6, false],
    [5, 5, true],
    [5, 4, true],
    [5, 0, true],
  ])("stored %i, answered %i: %s", (stored, next, refused) => {
    expect(counterWentBack(stored, next)).toBe(refused);
  });
});

describe("userHandleNames", () => {
  it("takes the owner's handle, or none, and refuses another's", () => {
    // The recorded answers' handle is base64url of "user-1".
    expect(userHandleNames("dXNlci0x", "user-1")).toBe(true);
    expect(userHandleNames(undefined, "user-1")).toBe(true);
    expect(userHandleNames("dXNlci0x", "user-2")).toBe(false);
    expect(userHandleNames("", "user-1")).toBe(false);
  });
});

describe("relyingParty", () => {
  it("takes any localhost port when unconfigured, and nothing else", () => {
    expect(local.id).toBe("localhost");
    expect(local.expectedOrigin("http://localhost:41234")).toBe("http://localhost:41234");
    expect(local.expectedOrigin("https://evil.example")).toBe("http://localhost:3000");
  });

  it("takes AUTH_URL's origin, or PASSKEY_ORIGIN's, whatever the answer names", () => {
    const site = relyingParty({
      AUTH_URL: "https://chat.example.com/app",
      PASSKEY_ORIGIN: undefined,
      PASSKEY_RP_ID: undefined,
    });
    expect(site.id).toBe("chat.example.com");
    expect(site.expectedOrigin("http://localhost:3000")).toBe("https://chat.example.com");
    const parent = relyingParty({
      AUTH_URL: undefined,
      PASSKEY_ORIGIN: "https://login.example.com",
      PASSKEY_RP_ID: "example.com",
    });
    expect(parent.id).toBe("example.com");
    expect(parent.expectedOrigin("https://evil.example")).toBe("https://login.example.com");
  });
});
