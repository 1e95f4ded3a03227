import { sessionUserId } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { findUserById } from "@/lib/db/queries";
import { env } from "@/lib/env";
import { refuseCrossSite } from "@/lib/http/guards";
import { jsonError, jsonOk } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";
import { issueUserTicket } from "@/lib/realtime/issue-ticket";

// "Ticket first": a signed-in user gets a short-lived ticket to hand to client.start(ticket).

export const runtime = "nodejs";

export const POST = withUnavailable(async (request: Request) => {
  const crossSite = refuseCrossSite(request, env().AUTH_URL);
  if (crossSite) return crossSite;
  const userId = await sessionUserId();
  if (!userId) return jsonError(401, "no_session", "Sign in first.");
  const user = await findUserById(db(), userId);
  if (!user) return jsonError(401, "no_session", "Sign in first.");
  if (user.bannedAt) return jsonError(403, "user_banned", "This account is suspended.");

  return jsonOk(issueUserTicket(user.id, "backend"));
});
