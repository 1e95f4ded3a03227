import { passkeyOptionsRefusal } from "@/lib/credentials/passkey/options-limit";
import { registrationOptions } from "@/lib/credentials/passkey/register";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { confirmedUser } from "@/lib/identity/step-up";

// "Add a passkey", step one: the options for navigator.credentials.create(), and a challenge for
// this browser. Sensitive: a sign-in older than STEP_UP_MAX_AGE_SECONDS gets 401 step_up_required.

export const runtime = "nodejs";

export const POST = route({ caller: { cookie: confirmedUser } }, async ({ caller, request }) => {
  const refused = await passkeyOptionsRefusal(`user:${caller.user.id}`);
  return refused ?? jsonOk(await registrationOptions(caller, request.headers));
});
