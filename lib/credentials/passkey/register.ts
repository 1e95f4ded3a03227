import "server-only";
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoUint8Array } from "@simplewebauthn/server/helpers";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { consumeChallenge, issueChallenge } from "@/lib/credentials/passkey/challenge";
import { relyingParty } from "@/lib/credentials/passkey/relying-party";
import { addPasskey, listPasskeys } from "@/lib/credentials/passkey/store";
import { verifyRegistration } from "@/lib/credentials/passkey/verify";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { type Refusal, refusal } from "@/lib/http/errors";
import { describeUserAgent } from "@/lib/http/user-agent";
import type { Caller } from "@/lib/identity/gate";
import { setChallengeCookie, takeChallengeCookie } from "@/lib/identity/passkey-challenge-cookie";

// Adding a passkey to the signed-in user (a sensitive action: the routes ask confirmedUser
// first). Discoverable ("resident") and user-verifying only: a sign-in that starts with no
// username finds the account in the passkey itself, and the passkey is a second factor in one.

/** The options for the browser's navigator.credentials.create(); the challenge goes to its cookie. */
export async function registrationOptions(
  caller: Caller,
  headers: Headers,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty(env());
  const { user } = caller;
  const existing = await listPasskeys(db(), user.id);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.username,
    userDisplayName: user.name ?? user.username,
    userID: isoUint8Array.fromUTF8String(user.id),
    attestationType: "none",
    // The browser says so when this authenticator holds one of the user's passkeys already.
    excludeCredentials: existing.map((passkey) => ({ id: passkey.id })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  const challengeId = await issueChallenge(db(), options.challenge, {
    purpose: "register",
    userId: user.id,
  });
  await setChallengeCookie(headers, challengeId);
  return options;
}

export type AddedPasskey = { ok: true; id: string; name: string } | { ok: false; refusal: Refusal };

/** Verifies the browser's answer to this browser's challenge, and stores the passkey. */
export async function finishRegistration(
  caller: Caller,
  response: RegistrationResponseJSON,
  headers: Headers,
): Promise<AddedPasskey> {
  const { user } = caller;
  const challenge = await consumeChallenge(db(), await takeChallengeCookie(headers), {
    purpose: "register",
    userId: user.id,
  });
  if (!challenge) return { ok: false, refusal: refusal("challenge_expired") };
  const verified = await verifyRegistration(response, challenge, relyingParty(env()));
  if (!verified.ok) return { ok: false, refusal: refusal(verified.code) };
  // Its default name says where it was made; its owner may rename it.
  const name = describeUserAgent(headers.get("user-agent")).label;
  if (!(await addPasskey(db(), user.id, verified.credential, name)))
    return { ok: false, refusal: refusal("passkey_exists") };
  await recordAuthEvent({
    kind: "passkey_added",
    outcome: "success",
    userId: user.id,
    sessionId: caller.sessionId,
    detail: name,
  });
  return { ok: true, id: verified.credential.id, name };
}
