"use server";

import { headers } from "next/headers";
import { confirmWithPassword } from "@/lib/credentials/password/confirm";
import { formArgument } from "@/lib/http/action-arguments";
import { formField } from "@/lib/http/form-data";
import { requireUser } from "@/lib/identity/gate";

/** The dialog's answer: confirmed, or the catalog's message (wrong password, throttled …). */
export type ConfirmState = { confirmed: true } | { confirmed: false; error: string } | null;

/** "Confirm it's you" with the password: the caller's session counts as freshly signed in. */
export async function confirmWithPasswordAction(
  _state: ConfirmState,
  formData: FormData,
): Promise<ConfirmState> {
  const caller = await requireUser("/account");
  const password = formField(formArgument(formData), "password") ?? "";
  const confirmed = await confirmWithPassword(caller, password, await headers());
  return confirmed.ok
    ? { confirmed: true }
    : { confirmed: false, error: confirmed.refusal.message };
}
