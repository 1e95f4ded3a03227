"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { PendingSubmit } from "@/components/pending-submit";
import type { PasswordChange } from "@/lib/credentials/password/change";
import { changePasswordAction } from "./actions";

const button =
  "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** Current and new password; the current one is the fresh sign-in this needs. */
export function ChangePasswordForm() {
  const [state, change] = useActionState<PasswordChange | null, FormData>(
    changePasswordAction,
    null,
  );
  const failed = state?.ok === false ? state : undefined;
  return (
    // A changed form starts empty: its key changes with each success.
    <form action={change} className="space-y-3" key={state?.ok ? "changed" : "form"}>
      <FormField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={failed?.fieldErrors?.currentPassword}
      />
      <FormField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={128}
        hint="At least 12 characters."
        error={failed?.fieldErrors?.newPassword}
      />
      <FormAlert message={failed?.error} />
      {state?.ok ? (
        <p role="status" data-testid="password-changed" className="text-sm">
          Password changed.{" "}
          {state.signedOut === 0
            ? "No other device was signed in."
            : `Your other devices were signed out (${state.signedOut} ${state.signedOut === 1 ? "session" : "sessions"}).`}
        </p>
      ) : null}
      <PendingSubmit className={button}>Change password</PendingSubmit>
    </form>
  );
}
