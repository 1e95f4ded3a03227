import { authenticationOptions } from "@/lib/credentials/passkey/authenticate";
import { passkeyOptionsRefusal } from "@/lib/credentials/passkey/options-limit";
import { requestClient } from "@/lib/http/peer-address";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";

// "Sign in with a passkey", step one: a challenge for this browser (its id in an HttpOnly cookie),
// with no username: the passkey the user picks names the account. Step two is NextAuth's
// "passkey" provider (auth.ts). Anyone may ask, a few times a minute per client.

export const runtime = "nodejs";

export const POST = route({}, async ({ request }) => {
  const refused = await passkeyOptionsRefusal(requestClient(request.headers));
  if (refused) return refused;
  return jsonOk(await authenticationOptions({ purpose: "sign_in" }, request.headers));
});
