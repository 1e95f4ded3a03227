import "server-only";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { type Refusal, refusal } from "@/lib/http/errors";
import { type Caller, currentUser, type GateResult, sessionEnded } from "@/lib/identity/gate";
import { confirmWebSession, isRecentlyConfirmed } from "@/lib/sessions/confirmation";
import { cachedWebSession, rememberWebSession } from "@/lib/sessions/user-cache";
import { findWebSession } from "@/lib/sessions/web";

// A fresh sign-in for sensitive actions (signing devices out, changing the password, every admin
// action): the caller's web session must have signed in, or confirmed it is theirs, within
// STEP_UP_MAX_AGE_SECONDS. Server actions and route handlers check it here; the page's
// "Confirm it's you" dialog (app/(app)/sensitive-form.tsx) is only the way to get there. Each way
// to confirm (the password: lib/credentials/password/confirm.ts; a passkey:
// lib/credentials/passkey/confirm.ts) ends in recordConfirmation.

/** How a session confirms: each way ends in recordConfirmation. */
export type ConfirmationMethod = "password" | "passkey";

export type StepUpRefusal = Refusal<"step_up_required">;

/**
 * Whether the caller's session signed in or confirmed recently enough. The cached row answers a
 * yes; a no is asked of the database, where another instance may have recorded a confirmation.
 */
export async function recentlyConfirmed(caller: Caller, now = new Date()): Promise<boolean> {
  const maxAge = env().STEP_UP_MAX_AGE_SECONDS;
  const cached = await cachedWebSession(caller.sessionId);
  if (cached && isRecentlyConfirmed(cached.confirmedAt, maxAge, now)) return true;
  const stored = await findWebSession(db(), caller.sessionId);
  if (!stored || stored.userId !== caller.user.id) return false;
  rememberWebSession(stored);
  return isRecentlyConfirmed(stored.confirmedAt, maxAge, now);
}

/** For a sensitive route handler's `caller: { cookie: confirmedUser }`: the gate, then this. */
export async function confirmedUser(): Promise<GateResult | { ok: false; refusal: StepUpRefusal }> {
  const result = await currentUser();
  if (!result.ok) return result;
  if (await recentlyConfirmed(result)) return result;
  return { ok: false, refusal: refusal("step_up_required") };
}

/** Confirmed, or why not: wrong_password, no_password, throttled, user_banned, session_ended. */
export type Confirmation = { ok: true } | { ok: false; refusal: Refusal };

/**
 * The one end of every way to confirm: the caller's session (and it alone) counts as signed in
 * now, and the activity log says so.
 */
export async function recordConfirmation(
  caller: Caller,
  method: ConfirmationMethod,
): Promise<Confirmation> {
  const session = await confirmWebSession(db(), caller.sessionId);
  if (!session) return { ok: false, refusal: sessionEnded(undefined) };
  rememberWebSession(session);
  await recordAuthEvent({
    kind: "step_up",
    outcome: "success",
    userId: caller.user.id,
    sessionId: session.id,
    detail: method,
  });
  return { ok: true };
}
