"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { confirmWithPasskey } from "@/lib/credentials/passkey/browser";
import { type ConfirmState, confirmWithPasswordAction } from "./step-up-actions";

/** The ways this user can confirm: each ends in the same onConfirmed. */
export type ConfirmMethods = { password: boolean; passkey: boolean };

const button =
  "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** "Confirm it's you": a modal dialog that records a fresh sign-in on this session. */
export function ConfirmDialog({
  methods,
  onConfirmed,
  onCancel,
}: {
  methods: ConfirmMethods;
  onConfirmed: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useId();
  const [state, confirm, pending] = useActionState(
    async (previous: ConfirmState, formData: FormData) => {
      const answer = await confirmWithPasswordAction(previous, formData);
      if (answer?.confirmed) onConfirmed();
      return answer;
    },
    null,
  );
  const [passkeyError, setPasskeyError] = useState("");
  const [passkeyPending, setPasskeyPending] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function confirmByPasskey() {
    setPasskeyPending(true);
    setPasskeyError("");
    const confirmed = await confirmWithPasskey();
    setPasskeyPending(false);
    if (confirmed.ok) onConfirmed();
    else setPasskeyError(confirmed.message);
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={heading}
      onCancel={onCancel}
      className="m-auto w-full max-w-sm space-y-3 rounded-md border border-zinc-300 bg-white p-4 text-zinc-900 backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id={heading} className="text-lg font-semibold">
        Confirm it's you
      </h2>
      {methods.passkey ? (
        <div className="space-y-2">
          <FormAlert message={passkeyError} />
          <button
            type="button"
            onClick={confirmByPasskey}
            disabled={passkeyPending}
            aria-busy={passkeyPending}
            className={button}
          >
            Use a passkey
          </button>
        </div>
      ) : null}
      {methods.password ? (
        <form action={confirm} className="space-y-3">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            This action needs a recent sign-in. Enter your password to go on.
          </p>
          <FormField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            autoFocus
            error={state?.confirmed === false ? state.error : undefined}
          />
          <div className="flex gap-2">
            <button type="submit" disabled={pending} aria-busy={pending} className={button}>
              Confirm
            </button>
            <button type="button" onClick={onCancel} className={button}>
              Cancel
            </button>
          </div>
        </form>
      ) : methods.passkey ? (
        <button type="button" onClick={onCancel} className={button}>
          Cancel
        </button>
      ) : (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            This action needs a recent sign-in, and this account has no password here: it signs in
            with GitHub. Sign out, then sign in again, and the action will go on.
          </p>
          <button type="button" onClick={onCancel} className={button}>
            Cancel
          </button>
        </>
      )}
    </dialog>
  );
}
