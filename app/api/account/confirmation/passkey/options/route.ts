import { authenticationOptions } from "@/lib/credentials/passkey/authenticate";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { currentUser } from "@/lib/identity/gate";

// "Confirm it's you" with a passkey, step one: a challenge for this browser, which one of the
// caller's own passkeys must sign (POST /api/account/confirmation/passkey).

export const runtime = "nodejs";

export const POST = route({ caller: { cookie: currentUser } }, async ({ caller, request }) =>
  jsonOk(
    await authenticationOptions({ purpose: "step_up", userId: caller.user.id }, request.headers),
  ),
);
