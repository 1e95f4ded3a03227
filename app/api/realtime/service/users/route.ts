import { serviceNewUserLimiter, signUpCap } from "@/lib/credentials/limiters";
import { registerUser } from "@/lib/credentials/registration/register";
import { serviceOpen } from "@/lib/credentials/service/guard";
import { issueUserTicket } from "@/lib/credentials/ticket/issue";
import { signUpSchema } from "@/lib/credentials/validation";
import { db } from "@/lib/db";
import { formatWait } from "@/lib/format";
import { errorResponse, limited } from "@/lib/http/errors";
import { requestClient } from "@/lib/http/peer-address";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";

// client.newUser({ username, password }): anyone may create a user here while service
// authentication is on. That is why it exists only for getting started, behind the switch.

export const runtime = "nodejs";

export const POST = route(
  { endpoint: "service_user", caller: { anyone: serviceOpen }, body: { json: signUpSchema } },
  async ({ request, input }) => {
    const wait = await serviceNewUserLimiter().take(requestClient(request.headers));
    if (wait > 0) {
      const message = `Too many new users from your network. Try again in ${formatWait(wait)}.`;
      return limited(wait, "throttled", message);
    }
    // The cap of the whole site, shared with sign-up; given back if no user is created.
    const registered = await registerUser(db(), input, { cap: signUpCap() });
    if (!registered.ok) return errorResponse(registered.refusal);
    const { user } = registered;
    const ticket = await issueUserTicket(user.id, "service");
    return jsonOk({ ...ticket, user: { id: user.id, username: user.username } }, 201);
  },
);
