import { z } from "zod";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { issueUserTicket } from "@/lib/credentials/issue-ticket";
import { signInThrottle } from "@/lib/credentials/limiters";
import { verifyCredentials } from "@/lib/credentials/password-sign-in";
import { readServiceRequest, throttled } from "@/lib/credentials/service-guard";
import { passwordSchema, usernameSchema } from "@/lib/credentials/validation";
import { db } from "@/lib/db";
import { formatWait } from "@/lib/format";
import { requestClient } from "@/lib/http/peer-address";
import { jsonError, jsonOk } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";
import { knownDevice, rememberThisDevice } from "@/lib/identity/known-device";

// Authentication by the service: client.start({ username, password }) trades credentials for a
// ticket here, then signs in through the same exchange as start(ticket).

export const runtime = "nodejs";

const credentialsSchema = z.object({ username: usernameSchema, password: passwordSchema });

export const POST = withUnavailable(async (request: Request) => {
  const input = await readServiceRequest(request, credentialsSchema);
  if (input instanceof Response) return input;

  // The same check and the same throttle counters as the sign-in form.
  const client = requestClient(request.headers);
  const device = knownDevice(request.headers);
  const result = await verifyCredentials(db(), signInThrottle(), input, client, device);
  await recordAuthEvent({
    kind: "sign_in",
    outcome: result.ok ? "success" : "failure",
    reason: result.ok ? null : result.reason,
    userId: result.ok ? result.user.id : "userId" in result ? result.userId : null,
    detail: "service",
    clientAddress: client,
  });
  if (result.ok) {
    // The browser that proved the password is known from now on (a Node.js client ignores it).
    await rememberThisDevice(request.headers, result.user.id);
    return jsonOk(await issueUserTicket(result.user.id, "service"));
  }
  switch (result.reason) {
    case "throttled":
      return throttled(
        result.retryAfterSeconds,
        `Too many failed attempts. Try again in ${formatWait(result.retryAfterSeconds)}.`,
      );
    case "banned":
      return jsonError(403, "user_banned", "This account is suspended.");
    default:
      return jsonError(401, "invalid_credentials", "Invalid username or password.");
  }
});
