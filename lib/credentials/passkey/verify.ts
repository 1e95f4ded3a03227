import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  type Uint8Array_,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import {
  decodeAttestationObject,
  isoBase64URL,
  parseAuthenticatorData,
} from "@simplewebauthn/server/helpers";
import type { RelyingParty } from "@/lib/credentials/passkey/relying-party";

// The two WebAuthn checks, by @simplewebauthn/server, with no database and no request: the
// challenge, the origin, the RP ID, the signature, user verification, and (for an assertion) the
// signature counter. tests/unit/passkey-verify.test.ts runs them on recorded answers.

export type PasskeyFailure =
  | "passkey_not_verified"
  | "passkey_invalid"
  | "passkey_counter_regression";

/** A passkey as stored: what an assertion is checked against. */
export type StoredCredential = {
  id: string;
  publicKey: string;
  counter: number;
  transports: string[];
};

/** The origin the answer's clientDataJSON names, or "" when it cannot be read. */
function claimedOrigin(clientDataJSON: string): string {
  try {
    const data: unknown = JSON.parse(isoBase64URL.toUTF8String(clientDataJSON));
    return typeof data === "object" && data && "origin" in data ? String(data.origin) : "";
  } catch {
    return "";
  }
}

/** The UV flag of authenticator data: read first, so that its absence gets its own code. */
function userVerified(authenticatorData: Uint8Array_): boolean {
  try {
    return parseAuthenticatorData(authenticatorData).flags.uv;
  } catch {
    return false;
  }
}

/**
 * Counters that do not move past the stored one are refused, unless both are 0 (authenticators
 * that keep no counter, as synced passkeys do). A copy of a credential used after the original
 * shows a counter at or below it.
 */
export function counterWentBack(stored: number, next: number): boolean {
  return (stored !== 0 || next !== 0) && next <= stored;
}

/**
 * Whether an assertion's user handle, when it carries one, names the passkey's owner (WebAuthn
 * §7.2: registration sets it to the user's id). The handle is not signed, so this refuses a
 * passkey answered for another account (a mix-up, or a credential copied under a wrong user),
 * not a forgery: the signature check does that.
 */
export function userHandleNames(userHandle: string | undefined, userId: string): boolean {
  if (userHandle === undefined) return true;
  try {
    return isoBase64URL.toUTF8String(userHandle) === userId;
  } catch {
    return false;
  }
}

export type NewCredential = StoredCredential;

export async function verifyRegistration(
  response: RegistrationResponseJSON,
  challenge: string,
  rp: RelyingParty,
): Promise<{ ok: true; credential: NewCredential } | { ok: false; code: PasskeyFailure }> {
  try {
    const attestation = decodeAttestationObject(
      isoBase64URL.toBuffer(response.response.attestationObject),
    );
    const authData = attestation.get("authData");
    if (!authData || !userVerified(authData)) return { ok: false, code: "passkey_not_verified" };
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.expectedOrigin(claimedOrigin(response.response.clientDataJSON)),
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    if (!verified.verified) return { ok: false, code: "passkey_invalid" };
    const { credential } = verified.registrationInfo;
    return {
      ok: true,
      credential: {
        id: credential.id,
        publicKey: isoBase64URL.fromBuffer(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? [],
      },
    };
  } catch {
    // The library throws on every mismatch (origin, RP ID, challenge) and on malformed input.
    return { ok: false, code: "passkey_invalid" };
  }
}

export async function verifyAssertion(
  response: AuthenticationResponseJSON,
  challenge: string,
  rp: RelyingParty,
  stored: StoredCredential,
): Promise<{ ok: true; newCounter: number } | { ok: false; code: PasskeyFailure }> {
  try {
    const authData = isoBase64URL.toBuffer(response.response.authenticatorData);
    if (!userVerified(authData)) return { ok: false, code: "passkey_not_verified" };
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.expectedOrigin(claimedOrigin(response.response.clientDataJSON)),
      expectedRPID: rp.id,
      // The counter is compared below, to tell a possible clone from any other failure.
      credential: { id: stored.id, publicKey: isoBase64URL.toBuffer(stored.publicKey), counter: 0 },
      requireUserVerification: true,
    });
    if (!verified.verified) return { ok: false, code: "passkey_invalid" };
    const { newCounter } = verified.authenticationInfo;
    if (counterWentBack(stored.counter, newCounter))
      return { ok: false, code: "passkey_counter_regression" };
    return { ok: true, newCounter };
  } catch {
    return { ok: false, code: "passkey_invalid" };
  }
}
