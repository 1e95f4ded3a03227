"use client";

import { type InputHTMLAttributes, useActionState } from "react";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/submit-button";
import type { FormState } from "./actions";

type FieldName = "username" | "name" | "password";

/** One input of the form: what FormField takes, less what the form's state fills in. */
export type AuthField = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: FieldName;
  hint?: string;
};

/** Sign-in and sign-up: the fields, a message on failure, and one submit button. */
export function AuthForm({
  action,
  fields,
  callbackUrl,
  submitLabel,
  pendingLabel,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: AuthField[];
  callbackUrl?: string;
  submitLabel: string;
  pendingLabel: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {callbackUrl === undefined ? null : (
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
      )}
      <FormAlert message={state.error} />
      {fields.map((field) => (
        <FormField
          key={field.name}
          // A refused form keeps what was typed, but never the password.
          defaultValue={field.name === "password" ? undefined : state.values?.[field.name]}
          error={state.fieldErrors?.[field.name]}
          {...field}
        />
      ))}
      <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
    </form>
  );
}
