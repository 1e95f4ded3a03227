import "server-only";
import { passwordSignIn } from "@/lib/credentials/password/sign-in";
import { refusal } from "@/lib/http/errors";
import type { Caller } from "@/lib/identity/gate";
import { type Confirmation, recordConfirmation } from "@/lib/identity/step-up";

// "Confirm it's you" with the password, and the current password of "Change password": the
// caller's own password, through the sign-in's one check, so it is throttled like a sign-in.

/**
 * Checks the caller's own password through the sign-in's check (so it is throttled like a
 * sign-in, and a failure is logged as a failed "step_up"). No session is confirmed here.
 */
export async function checkOwnPassword(
  caller: Caller,
  password: unknown,
  headers: Headers,
  kind: "step_up" | "password_changed",
): Promise<Confirmation> {
  if (!caller.user.passwordHash) return { ok: false, refusal: refusal("no_password") };
  const checked = await passwordSignIn({ username: caller.user.username, password }, headers, {
    kind,
    detail: "password",
    logSuccess: false,
  });
  if (checked.ok) return { ok: true };
  const wrong = checked.refusal.code === "invalid_credentials";
  return { ok: false, refusal: wrong ? refusal("wrong_password") : checked.refusal };
}

/** "Confirm it's you" with the password: checked, then recorded on the caller's session. */
export async function confirmWithPassword(
  caller: Caller,
  password: unknown,
  headers: Headers,
): Promise<Confirmation> {
  const checked = await checkOwnPassword(caller, password, headers, "step_up");
  return checked.ok ? recordConfirmation(caller, "password") : checked;
}
