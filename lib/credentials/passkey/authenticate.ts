import "server-only";
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { eq } from "drizzle-orm";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { signInThrottle } from "@/lib/credentials/limiters";
import { consumeChallenge, issueChallenge } from "@/lib/credentials/passkey/challenge";
import { relyingParty } from "@/lib/credentials/passkey/relying-party";
import { findPasskey, listPasskeys, recordPasskeyUse } from "@/lib/credentials/passkey/store";
import { userHandleNames, verifyAssertion } from "@/lib/credentials/passkey/verify";
import { db } from "@/lib/db";
import { type User, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { formatWait } from "@/lib/format";
import { type Refusal, refusal } from "@/lib/http/errors";
import { requestClient } from "@/lib/http/peer-address";
import { setChallengeCookie, takeChallengeCookie } from "@/lib/identity/passkey-challenge-cookie";

// Using a passkey: to sign in (no username: the passkey names its account), or to confirm it's
// you (one of the caller's own passkeys). Both are throttled by the password sign-in's counters,
// under the passkey's account, and every failure is in the activity log.

export type PasskeyUse = { purpose: "sign_in" } | { purpose: "step_up"; userId: string };

/** The options for navigator.credentials.get(); the challenge goes to the browser's cookie. */
export async function authenticationOptions(
  use: PasskeyUse,
  headers: Headers,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const userId = use.purpose === "step_up" ? use.userId : null;
  const allowed = userId ? await listPasskeys(db(), userId) : [];
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(env()).id,
    userVerification: "required",
    allowCredentials: allowed.map((passkey) => ({ id: passkey.id })),
  });
  const challengeId = await issueChallenge(db(), options.challenge, {
    purpose: use.purpose,
    userId,
  });
  await setChallengeCookie(headers, challengeId);
  return options;
}

export type PasskeyCheck = { ok: true; user: User } | { ok: false; refusal: Refusal };

/**
 * Checks an answer to this browser's challenge. A passkey is read from the database every time,
 * so a removed one is refused at once; a counter that went backwards is logged as a possible
 * clone (reason passkey_counter_regression).
 */
export async function checkPasskey(
  response: AuthenticationResponseJSON,
  headers: Headers,
  use: PasskeyUse,
): Promise<PasskeyCheck> {
  const client = requestClient(headers);
  const expectedUser = use.purpose === "step_up" ? use.userId : null;
  const fail = async (reason: Refusal, userId: string | null = expectedUser) => {
    await recordAuthEvent({
      kind: use.purpose,
      outcome: "failure",
      reason: reason.code,
      userId,
      detail: "passkey",
      clientAddress: client,
      userAgent: headers.get("user-agent"),
    });
    return { ok: false as const, refusal: reason };
  };

  const challenge = await consumeChallenge(db(), await takeChallengeCookie(headers), {
    purpose: use.purpose,
    userId: expectedUser,
  });
  if (!challenge) return fail(refusal("challenge_expired"));
  const stored = await findPasskey(db(), response.id);
  const owner = stored && (!expectedUser || stored.userId === expectedUser) ? stored : undefined;
  const [user] = owner ? await db().select().from(users).where(eq(users.id, owner.userId)) : [];
  // Unknown passkeys count against the client, each under a name of its own.
  const account = user?.username ?? `passkey:${response.id.slice(0, 100)}`;

  const throttle = signInThrottle();
  const slot = await throttle.enter(account, client);
  if (slot.wait > 0) return fail(throttled(slot.wait), user?.id ?? expectedUser);
  try {
    const wait = await throttle.check(account, client);
    if (wait > 0) return fail(throttled(wait), user?.id ?? expectedUser);
    if (!owner || !user) {
      await throttle.recordFailure(account, client);
      return fail(refusal("passkey_unknown"));
    }
    const rp = relyingParty(env());
    const verified = userHandleNames(response.response.userHandle, owner.userId)
      ? await verifyAssertion(response, challenge, rp, owner)
      : { ok: false as const, code: "passkey_invalid" as const };
    const code = !verified.ok
      ? verified.code
      : (await recordPasskeyUse(db(), owner.id, verified.newCounter))
        ? undefined
        : "passkey_counter_regression";
    if (code) {
      await throttle.recordFailure(account, client);
      return fail(refusal(code), user.id);
    }
    await throttle.recordSuccess(account, client);
    if (user.bannedAt) return fail(refusal("user_banned"), user.id);
    return { ok: true, user };
  } finally {
    if ("leave" in slot) await slot.leave();
  }
}

function throttled(seconds: number): Refusal {
  const message = `Too many failed attempts. Try again in ${formatWait(seconds)}.`;
  return { ...refusal("throttled", message), retryAfterSeconds: seconds };
}
