"use client";

import { type ReactNode, useActionState, useRef, useState } from "react";
import type { SensitiveActionState } from "@/lib/identity/sensitive-action";
import { ConfirmDialog, type ConfirmMethods } from "./confirm-dialog";

type SensitiveAction = (
  state: SensitiveActionState,
  formData: FormData,
) => Promise<SensitiveActionState>;

/**
 * The form of a sensitive action. The action itself refuses a session whose sign-in is too old
 * (lib/identity/step-up.ts): it answers `stepUp`, this opens "Confirm it's you", and once the
 * user has confirmed, the same form is sent again.
 */
export function SensitiveForm({
  action,
  methods,
  className,
  children,
}: {
  action: SensitiveAction;
  methods: ConfirmMethods;
  className?: string;
  children: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [state, run] = useActionState(action, null);
  // The answer the dialog was closed on: each new answer that asks opens it again.
  const [settled, setSettled] = useState<SensitiveActionState>(null);
  const asking = state?.stepUp === true && state !== settled;
  return (
    <>
      <form ref={form} action={run} className={className}>
        {children}
      </form>
      {asking ? (
        <ConfirmDialog
          methods={methods}
          onConfirmed={() => {
            setSettled(state);
            form.current?.requestSubmit();
          }}
          onCancel={() => setSettled(state)}
        />
      ) : null}
    </>
  );
}
