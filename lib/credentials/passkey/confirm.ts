import "server-only";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { checkPasskey } from "@/lib/credentials/passkey/authenticate";
import type { Caller } from "@/lib/identity/gate";
import { type Confirmation, recordConfirmation } from "@/lib/identity/step-up";

// "Confirm it's you" with a passkey: one of the caller's own, answering a challenge given to
// this browser for this purpose. Ends where the password's does, in recordConfirmation.

export async function confirmWithPasskey(
  caller: Caller,
  response: AuthenticationResponseJSON,
  headers: Headers,
): Promise<Confirmation> {
  const checked = await checkPasskey(response, headers, {
    purpose: "step_up",
    userId: caller.user.id,
  });
  return checked.ok ? recordConfirmation(caller, "passkey") : checked;
}
