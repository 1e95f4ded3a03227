import { ticketLimiter } from "@/lib/credentials/limiters";
import { issueUserTicket } from "@/lib/credentials/ticket/issue";
import { limited } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { currentUser } from "@/lib/identity/gate";

// "Ticket first": a signed-in user gets a short-lived ticket to hand to client.start(ticket).

export const runtime = "nodejs";

export const POST = route(
  { endpoint: "ticket", caller: { cookie: currentUser } },
  async ({ caller }) => {
    // Each ticket is a row in the activity log and a session to come: a loop must not flood them.
    const wait = await ticketLimiter().take(caller.user.id);
    if (wait > 0) return limited(wait, "tickets_limited", wait);
    // Tied to this web session: signing it out also ends the ticket and what it started.
    return jsonOk(await issueUserTicket(caller.user.id, "backend", caller.sessionId));
  },
);
