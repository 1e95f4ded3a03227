import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/credentials/registration/seed";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { currentUser } from "@/lib/identity/gate";
import { signInAction } from "../actions";
import { type AuthField, AuthForm } from "../auth-form";
import { OtherWay } from "../other-way";
import { PasskeySignIn } from "./passkey-sign-in";

export const metadata: Metadata = { title: "Sign in" };

const fields: AuthField[] = [
  // "webauthn": the browser offers passkeys among its suggestions (PasskeySignIn starts it).
  {
    label: "Username",
    name: "username",
    autoComplete: "username webauthn",
    required: true,
    maxLength: 64,
  },
  {
    label: "Password",
    name: "password",
    type: "password",
    autoComplete: "current-password",
    required: true,
    maxLength: 256,
  },
];

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { callbackUrl } = await searchParams;
  const target = safeRedirectPath(callbackUrl);
  const caller = await currentUser();
  if (caller.ok) redirect(target);
  // A cookie whose session ended (or whose user is banned) says why, and never redirects back.
  const ended = caller.refusal.code === "no_session" ? undefined : caller.refusal.message;
  return (
    <>
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {ended ? (
        <p
          role="status"
          data-testid="session-ended"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          {ended}
        </p>
      ) : null}
      <AuthForm
        action={signInAction}
        fields={fields}
        callbackUrl={target}
        submitLabel="Sign in"
        pendingLabel="Signing in…"
      />
      <PasskeySignIn callbackUrl={target} />
      <OtherWay question="No account?" href="/sign-up" label="Create one" />
      {env().REALTIME_SERVER === "bundled" ? (
        <p className="rounded-md bg-zinc-100 p-3 text-sm text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
          Demo accounts: {DEMO_ACCOUNTS.map((account) => account.username).join(", ")}, password{" "}
          <code className="font-mono">{DEMO_PASSWORD}</code>
        </p>
      ) : null}
    </>
  );
}
