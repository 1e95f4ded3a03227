import { z } from "zod";
import { confirmWithPasskey } from "@/lib/credentials/passkey/confirm";
import { authenticationResponseSchema } from "@/lib/credentials/passkey/responses";
import { errorResponse } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { currentUser } from "@/lib/identity/gate";

// "Confirm it's you" with a passkey, step two: the caller's session counts as freshly signed in,
// so the sensitive endpoints that answered 401 step_up_required act. Throttled as a sign-in.

export const runtime = "nodejs";

const bodySchema = z.object({ response: authenticationResponseSchema });

export const POST = route(
  { caller: { cookie: currentUser }, body: { json: bodySchema } },
  async ({ caller, input, request }) => {
    const confirmed = await confirmWithPasskey(caller, input.response, request.headers);
    if (!confirmed.ok) return errorResponse(confirmed.refusal);
    return jsonOk({ confirmed: true });
  },
);
