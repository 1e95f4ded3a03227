import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/identity/gate";
import { signUpAction } from "../actions";
import { type AuthField, AuthForm } from "../auth-form";
import { OtherWay } from "../other-way";

export const metadata: Metadata = { title: "Create an account" };

const fields: AuthField[] = [
  {
    label: "Username",
    name: "username",
    autoComplete: "username",
    required: true,
    hint: "3–32 characters: lowercase letters, digits, _ and -",
  },
  { label: "Display name", name: "name", autoComplete: "name", hint: "Optional" },
  {
    label: "Password",
    name: "password",
    type: "password",
    autoComplete: "new-password",
    required: true,
    hint: "12–128 characters",
  },
];

export default async function SignUpPage() {
  if ((await currentUser()).ok) redirect("/app");
  return (
    <>
      <h1 className="text-2xl font-semibold">Create an account</h1>
      <AuthForm
        action={signUpAction}
        fields={fields}
        submitLabel="Create account"
        pendingLabel="Creating account…"
      />
      <OtherWay question="Already registered?" href="/sign-in" label="Sign in" />
    </>
  );
}
