import { passwordSignIn } from "@/lib/credentials/password/sign-in";
import { serviceOpen } from "@/lib/credentials/service/guard";
import { issueUserTicket } from "@/lib/credentials/ticket/issue";
import { signInSchema } from "@/lib/credentials/validation";
import { errorResponse } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";

// Authentication by the service: client.start({ username, password }) trades credentials for a
// ticket here, then signs in through the same exchange as start(ticket). The password check is
// the sign-in form's: the same throttle counters, the same device cookie (a Node.js client ignores
// it), the same activity log.

export const runtime = "nodejs";

export const POST = route(
  { endpoint: "service_session", caller: { anyone: serviceOpen }, body: { json: signInSchema } },
  async ({ request, input }) => {
    const outcome = await passwordSignIn(input, request.headers, {
      detail: "service",
      logSuccess: true,
    });
    if (!outcome.ok) return errorResponse(outcome.refusal);
    return jsonOk(await issueUserTicket(outcome.user.id, "service"));
  },
);
