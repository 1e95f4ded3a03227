import "server-only";
import { sessionUserId } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { User } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { serviceAuthEnabled } from "@/lib/realtime/service-switch";
import { startRealtimeSession } from "@/lib/realtime/sessions";
import { type TicketFailure, verifyTicket } from "@/lib/realtime/tickets";
import { cachedSession, cachedUser } from "@/lib/realtime/user-cache";

export type Refusal = { status: 401 | 403; code: string; message: string };

export type Identity = {
  user: User;
  /** Present when a ticket was exchanged: the client signs in with it from then on. */
  session?: { token: string; expiresAt: Date };
};

type Result = { ok: true; identity: Identity } | { ok: false; refusal: Refusal };

const TICKET_MESSAGES: Record<TicketFailure | "ticket_revoked" | "ticket_used", string> = {
  ticket_malformed: "The ticket is not in the expected format.",
  ticket_tampered: "The ticket's signature does not match.",
  ticket_wrong_app: "The ticket was issued for another app.",
  ticket_expired: "The ticket has expired. Ask for a new one.",
  ticket_revoked: "The ticket was revoked by a sign-out or a ban.",
  ticket_used: "The ticket was exchanged already. Ask for a new one.",
};

export const SERVICE_AUTH_DISABLED: Refusal = {
  status: 403,
  code: "service_auth_disabled",
  message: "Authentication by the service is switched off on this site.",
};

function refuse(status: Refusal["status"], code: string, message: string): Result {
  return { ok: false, refusal: { status, code, message } };
}

/** The user still exists and is not banned: checked on every request, as bans must apply at once. */
function admit(user: User | undefined, identity?: Omit<Identity, "user">): Result {
  if (!user) return refuse(401, "no_session", "Sign in first.");
  if (user.bannedAt) return refuse(403, "user_banned", "This account is suspended.");
  return { ok: true, identity: { user, ...identity } };
}

async function exchangeTicket(ticket: string): Promise<Result> {
  const verified = verifyTicket(ticket, { appKey: env().PUSHER_KEY, secret: env().PUSHER_SECRET });
  if (!verified.ok) return refuse(401, verified.code, TICKET_MESSAGES[verified.code]);
  const { identity, created, nonce, flow } = verified.payload;
  if (flow === "service" && !(await serviceAuthEnabled()))
    return { ok: false, refusal: SERVICE_AUTH_DISABLED };

  const user = await cachedUser(identity.endpoint);
  if (!user) return refuse(401, "ticket_revoked", TICKET_MESSAGES.ticket_revoked);
  if (user.bannedAt) return admit(user);
  if (user.realtimeRevokedAt && created <= user.realtimeRevokedAt.getTime()) {
    return refuse(401, "ticket_revoked", TICKET_MESSAGES.ticket_revoked);
  }
  const ttlHours = env().REALTIME_SESSION_TTL_HOURS;
  const session = await startRealtimeSession(db(), {
    userId: user.id,
    ticketNonce: nonce,
    flow,
    ttlHours,
  });
  if (!session) return refuse(401, "ticket_used", TICKET_MESSAGES.ticket_used);
  return admit(user, { session });
}

/**
 * Who is asking: by a ticket (exchanged once, on user-auth), by a realtime session token, or by
 * the NextAuth session cookie, in that order.
 */
export async function identify(credentials: {
  ticket?: string;
  session?: string;
}): Promise<Result> {
  if (credentials.ticket) return exchangeTicket(credentials.ticket);
  if (credentials.session) {
    const session = await cachedSession(credentials.session);
    // A service session the switch ended says so, which tells its user more than "ended".
    if (session?.flow === "service" && !(await serviceAuthEnabled())) {
      return { ok: false, refusal: SERVICE_AUTH_DISABLED };
    }
    if (!session?.live) {
      return refuse(401, "session_ended", "The realtime session has ended. Start again.");
    }
    return admit(await cachedUser(session.userId));
  }
  const userId = await sessionUserId();
  if (!userId) return refuse(401, "no_session", "Sign in first.");
  return admit(await cachedUser(userId));
}
