import { authenticationOptions } from "@/lib/credentials/passkey/authenticate";
import { passkeyOptionsRefusal } from "@/lib/credentials/passkey/options-limit";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { currentUser } from "@/lib/identity/gate";

// "Confirm it's you" with a passkey, step one: a challenge for this browser, which one of the
// caller's own passkeys must sign (POST /api/account/confirmation/passkey).

export const runtime = "nodejs";

export const POST = route({ caller: { cookie: currentUser } }, async ({ caller, request }) => {
  const refused = await passkeyOptionsRefusal(`user:${caller.user.id}`);
  if (refused) return refused;
  const use = { purpose: "step_up", userId: caller.user.id } as const;
  return jsonOk(await authenticationOptions(use, request.headers));
});
