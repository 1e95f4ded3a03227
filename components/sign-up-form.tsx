"use client";

import { useActionState } from "react";
import { type FormState, signUpAction } from "@/app/(auth)/actions";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/submit-button";

export function SignUpForm() {
  const [state, action] = useActionState<FormState, FormData>(signUpAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormAlert message={state.error} />
      <FormField
        label="Username"
        name="username"
        autoComplete="username"
        required
        defaultValue={state.values?.username}
        error={state.fieldErrors?.username}
        hint="3–32 characters: lowercase letters, digits, _ and -"
      />
      <FormField
        label="Display name"
        name="name"
        autoComplete="name"
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
        hint="Optional"
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={state.fieldErrors?.password}
        hint="12–128 characters"
      />
      <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
    </form>
  );
}
