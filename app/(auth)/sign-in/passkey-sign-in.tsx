"use client";

import { useEffect, useState, useTransition } from "react";
import { FormAlert } from "@/components/form-alert";
import {
  answerWithPasskey,
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
} from "@/lib/credentials/passkey/browser";
import { passkeySignInAction } from "../actions";

const OPTIONS = "/api/auth/passkey/options";

/**
 * "Sign in with a passkey", and the same offered as the username field is filled in (its
 * autocomplete says "webauthn": conditional UI, started as the page loads). No username is
 * needed: the passkey names its account.
 */
export function PasskeySignIn({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();
  const [supported, setSupported] = useState(true);

  async function signInWith(autofill: boolean) {
    const used = await answerWithPasskey(OPTIONS, autofill);
    // A pending autofill request is aborted by the button's own: that is no error to show.
    if (!used.ok) return autofill ? undefined : setError(used.message);
    const form = new FormData();
    form.set("response", JSON.stringify(used.response));
    form.set("callbackUrl", callbackUrl);
    startTransition(async () => {
      const answer = await passkeySignInAction(form);
      if (answer.error) setError(answer.error);
    });
  }

  // Once, as the page loads: the request waits until the user picks a passkey, or leaves.
  // biome-ignore lint/correctness/useExhaustiveDependencies: started once, on load
  useEffect(() => {
    setSupported(browserSupportsWebAuthn());
    browserSupportsWebAuthnAutofill().then((autofill) => {
      if (autofill) void signInWith(true);
    });
  }, []);

  if (!supported) return null;
  return (
    <div className="space-y-2" data-testid="passkey-sign-in">
      <FormAlert message={error} />
      <button
        type="button"
        disabled={pending}
        aria-busy={pending}
        onClick={() => {
          setError("");
          void signInWith(false);
        }}
        className="w-full rounded-md border border-zinc-300 px-3 py-2 text-sm font-semibold hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Sign in with a passkey
      </button>
    </div>
  );
}
