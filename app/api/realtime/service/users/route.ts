import { issueUserTicket } from "@/lib/credentials/issue-ticket";
import { serviceNewUserLimiter, signUpCap } from "@/lib/credentials/limiters";
import { hashPassword } from "@/lib/credentials/password";
import { readServiceRequest, throttled } from "@/lib/credentials/service-guard";
import { signUpLimitedMessage } from "@/lib/credentials/sign-up-cap";
import { signUpSchema } from "@/lib/credentials/validation";
import { db } from "@/lib/db";
import { createUser } from "@/lib/db/queries";
import { formatWait } from "@/lib/format";
import { requestClient } from "@/lib/http/peer-address";
import { jsonError } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";

// client.newUser({ username, password }): anyone may create a user here while service
// authentication is on. That is why it exists only for getting started, behind the switch.

export const runtime = "nodejs";

export const POST = withUnavailable(async (request: Request) => {
  const input = await readServiceRequest(request, signUpSchema);
  if (input instanceof Response) return input;

  const wait = await serviceNewUserLimiter().take(requestClient(request.headers));
  if (wait > 0)
    return throttled(
      wait,
      `Too many new users from your network. Try again in ${formatWait(wait)}.`,
    );

  // The cap of the whole site, shared with sign-up; given back if no user is created.
  const capped = await signUpCap().reserve();
  if (capped > 0)
    return jsonError(429, "sign_up_limited", signUpLimitedMessage(capped), {
      "Retry-After": String(capped),
    });

  const { username, name, password } = input;
  const user = await createUser(db(), {
    username,
    name,
    passwordHash: await hashPassword(password),
  });
  if (!user) {
    await signUpCap().release();
    return jsonError(409, "username_taken", "That username is taken.");
  }

  return Response.json(
    {
      ...(await issueUserTicket(user.id, "service")),
      user: { id: user.id, username: user.username },
    },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
