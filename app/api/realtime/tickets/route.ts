import { issueUserTicket } from "@/lib/credentials/issue-ticket";
import { ticketLimiter } from "@/lib/credentials/limiters";
import { env } from "@/lib/env";
import { refuseCrossSite } from "@/lib/http/guards";
import { jsonError, jsonOk } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";
import { currentUser, refusalResponse } from "@/lib/identity/gate";

// "Ticket first": a signed-in user gets a short-lived ticket to hand to client.start(ticket).

export const runtime = "nodejs";

export const POST = withUnavailable(async (request: Request) => {
  const crossSite = refuseCrossSite(request, env());
  if (crossSite) return crossSite;
  const caller = await currentUser();
  if (!caller.ok) return refusalResponse(caller.refusal);
  // Each ticket is a row in the activity log and a session to come: a loop must not flood them.
  const wait = await ticketLimiter().take(caller.user.id);
  if (wait > 0) {
    return jsonError(
      429,
      "tickets_limited",
      `Too many tickets for this account: try again in ${wait} s.`,
      { "Retry-After": String(wait) },
    );
  }
  // Tied to this web session: signing it out also ends the ticket and what it started.
  return jsonOk(await issueUserTicket(caller.user.id, "backend", caller.sessionId));
});
