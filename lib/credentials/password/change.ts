import "server-only";
import { z } from "zod";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { checkOwnPassword } from "@/lib/credentials/password/confirm";
import { hashPassword } from "@/lib/credentials/password/hash";
import { passwordSchema } from "@/lib/credentials/validation";
import type { Caller } from "@/lib/identity/gate";
import { changePassword as setPasswordEndingOthers } from "@/lib/sessions/account-ends";

// Changing the password on /account. The current password is asked in the form and checked
// through the sign-in's throttled check: that proof is the fresh sign-in this sensitive action
// needs, so the form asks no "Confirm it's you" on top. The new one follows sign-up's rules.

export type PasswordChangeFields = "currentPassword" | "newPassword";

export type PasswordChange =
  | { ok: true; signedOut: number }
  | { ok: false; error?: string; fieldErrors?: Partial<Record<PasswordChangeFields, string>> };

const changeSchema = z
  .object({
    currentPassword: z
      .string("Enter your current password.")
      .min(1, "Enter your current password.")
      .max(256, "The password is longer than any account's."),
    newPassword: z.string("Enter a new password.").pipe(passwordSchema),
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password other than the current one.",
  });

/**
 * Checks the current password, sets the new one, and ends every other session of the user
 * (their sockets close with the notice "password_changed"). The caller's session stays.
 */
export async function changeOwnPassword(
  caller: Caller,
  input: { currentPassword: unknown; newPassword: unknown },
  headers: Headers,
): Promise<PasswordChange> {
  const parsed = changeSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<PasswordChangeFields, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "currentPassword" || field === "newPassword")
        fieldErrors[field] ??= issue.message;
    }
    return { ok: false, fieldErrors };
  }
  const { currentPassword, newPassword } = parsed.data;
  const checked = await checkOwnPassword(caller, currentPassword, headers, "password_changed");
  if (!checked.ok) {
    const { code, message } = checked.refusal;
    return code === "wrong_password"
      ? { ok: false, fieldErrors: { currentPassword: message } }
      : { ok: false, error: message };
  }
  const signedOut = await setPasswordEndingOthers(
    caller.user.id,
    caller.sessionId,
    await hashPassword(newPassword),
  );
  await recordAuthEvent({
    kind: "password_changed",
    outcome: "success",
    userId: caller.user.id,
    sessionId: caller.sessionId,
    detail: `${signedOut} other sessions ended`,
  });
  return { ok: true, signedOut };
}
