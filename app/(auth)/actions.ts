"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/auth";
import { signUpCap, signUpLimiter } from "@/lib/credentials/limiters";
import { RefusedSignIn } from "@/lib/credentials/password/sign-in-errors";
import { registerUser } from "@/lib/credentials/registration/register";
import { signUpSchema } from "@/lib/credentials/validation";
import { db } from "@/lib/db";
import { formatWait } from "@/lib/format";
import { formArgument } from "@/lib/http/action-arguments";
import { ERRORS } from "@/lib/http/errors";
import { formField } from "@/lib/http/form-data";
import { requestClient } from "@/lib/http/peer-address";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export type FormState = {
  error?: string;
  fieldErrors?: Partial<Record<"username" | "name" | "password", string>>;
  values?: { username?: string; name?: string };
};

/** A field's one value; a field sent twice counts as empty, and so fails validation. */
function text(formData: FormData, name: string): string {
  return formField(formArgument(formData), name) ?? "";
}

/** Signs in and redirects; a failure becomes a form message. */
async function signInOrExplain(
  username: string,
  password: string,
  redirectTo: string,
): Promise<FormState> {
  try {
    await signIn("credentials", { username, password, redirectTo });
    return {};
  } catch (error) {
    if (error instanceof RefusedSignIn)
      return { error: error.refusal.message, values: { username } };
    if (error instanceof AuthError) {
      return { error: ERRORS.invalid_credentials.message, values: { username } };
    }
    throw error; // Includes the redirect that a successful sign-in throws.
  }
}

export async function signInAction(_state: FormState, formData: FormData): Promise<FormState> {
  const username = text(formData, "username").slice(0, 256);
  const redirectTo = safeRedirectPath(formField(formArgument(formData), "callbackUrl"));
  return signInOrExplain(username, text(formData, "password"), redirectTo);
}

/** The answer of a passkey sign-in that did not redirect: the catalog's message. */
export type PasskeySignInState = { error: string };

/**
 * "Sign in with a passkey": the browser's answer, verified by auth.ts's "passkey" provider, then
 * the redirect every sign-in ends in.
 */
export async function passkeySignInAction(formData: FormData): Promise<PasskeySignInState> {
  const form = formArgument(formData);
  const redirectTo = safeRedirectPath(formField(form, "callbackUrl"));
  try {
    await signIn("passkey", { response: formField(form, "response") ?? "", redirectTo });
    return { error: "" };
  } catch (error) {
    if (error instanceof RefusedSignIn) return { error: error.refusal.message };
    if (error instanceof AuthError) return { error: ERRORS.passkey_invalid.message };
    throw error; // Includes the redirect that a successful sign-in throws.
  }
}

export async function signUpAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = {
    username: text(formData, "username").slice(0, 256),
    name: text(formData, "name").slice(0, 256),
  };
  const parsed = signUpSchema.safeParse({
    username: values.username,
    name: values.name || undefined,
    password: text(formData, "password"),
  });
  if (!parsed.success) {
    const fieldErrors: FormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "username" || field === "name" || field === "password")
        fieldErrors[field] ??= issue.message;
    }
    return { fieldErrors, values };
  }

  const wait = await signUpLimiter().take(requestClient(await headers()));
  if (wait > 0)
    return {
      error: `Too many sign-ups from your network. Try again in ${formatWait(wait)}.`,
      values,
    };

  // The cap of the whole site (sign_up_limited); its place is given back if none is created.
  const registered = await registerUser(db(), parsed.data, { cap: signUpCap() });
  if (!registered.ok) {
    const { code, message } = registered.refusal;
    return code === "username_taken"
      ? { fieldErrors: { username: message }, values }
      : { error: message, values };
  }
  return signInOrExplain(parsed.data.username, parsed.data.password, "/app");
}

/**
 * Clears the cookie; auth.ts's signOut event ends its session on the server (so the cookie is
 * worthless wherever it was copied), and the realtime sessions it started.
 */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
