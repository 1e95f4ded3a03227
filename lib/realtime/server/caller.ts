import "server-only";
import { touchSession } from "@/lib/auth/activity";
import {
  admit,
  BANNED,
  type Caller,
  currentUser,
  type GateResult,
  type Refusal,
  refuse,
  sessionEnded,
} from "@/lib/auth/gate";
import { endDisplacedSessions } from "@/lib/auth/lifecycle";
import { recordAuthEvent } from "@/lib/auth/record-event";
import { isLive } from "@/lib/auth/web-sessions";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { startRealtimeSession } from "@/lib/realtime/server/realtime-sessions";
import { serviceAuthState } from "@/lib/realtime/server/service-switch";
import {
  type TicketFailure,
  type TicketPayload,
  verifyTicket,
} from "@/lib/realtime/server/tickets";
import { cachedSession, cachedUser, cachedWebSession } from "@/lib/realtime/server/user-cache";

// The gate for pusher-js's endpoints, which accept two credentials besides the session cookie:
// a ticket (exchanged once, for a realtime session) and that realtime session's token.

type TicketRefusalCode = TicketFailure | "ticket_revoked" | "ticket_used";

export type RealtimeRefusal =
  | Refusal
  | { status: 401; code: TicketRefusalCode; message: string }
  | { status: 403; code: "service_auth_disabled"; message: string };

export type RealtimeCaller = Caller & {
  /** Present when a ticket was exchanged: the client signs in with its token from then on. */
  issued?: { token: string; expiresAt: Date };
};

export type RealtimeResult =
  | ({ ok: true } & RealtimeCaller)
  | { ok: false; refusal: RealtimeRefusal };

const TICKET_MESSAGES: Record<TicketRefusalCode, string> = {
  ticket_malformed: "The ticket is not in the expected format.",
  ticket_tampered: "The ticket's signature does not match.",
  ticket_wrong_app: "The ticket was issued for another app.",
  ticket_expired: "The ticket has expired. Ask for a new one.",
  ticket_revoked: "The ticket was revoked by a sign-out, a ban or the service switch.",
  ticket_used: "The ticket was exchanged already. Ask for a new one.",
};

export const SERVICE_AUTH_DISABLED = {
  status: 403,
  code: "service_auth_disabled",
  message: "Authentication by the service is switched off on this site.",
} as const;

function refuseTicket(code: TicketRefusalCode): RealtimeResult {
  return { ok: false, refusal: { status: 401, code, message: TICKET_MESSAGES[code] } };
}

/** Why a correctly signed ticket may no longer be exchanged, if it may not. */
async function ticketRevoked(payload: {
  created: number;
  flow: "backend" | "service";
  session?: string;
  userRevokedAt: Date | null;
}): Promise<RealtimeResult | undefined> {
  if (payload.userRevokedAt && payload.created <= payload.userRevokedAt.getTime())
    return refuseTicket("ticket_revoked");
  if (payload.flow === "service") {
    const service = await serviceAuthState();
    if (!service.enabled) return { ok: false, refusal: SERVICE_AUTH_DISABLED };
    // Issued before the switch was last turned on, so before a switch-off: dead for good.
    if (service.since && payload.created < service.since.getTime())
      return refuseTicket("ticket_revoked");
  }
  if (payload.session) {
    const parent = await cachedWebSession(payload.session);
    if (!parent || !isLive(parent)) return refuseTicket("ticket_revoked");
  }
  return undefined;
}

/** The client that presents a credential: stored with the realtime session a ticket starts. */
export type RealtimeClientInfo = { userAgent: string | null; clientAddress: string };

/**
 * Exchanges a ticket, and records the outcome in the activity log when the ticket is one this
 * app signed: a malformed or forged one names nobody, and anyone could send them by the million.
 */
async function exchangeTicket(
  ticket: string,
  client?: RealtimeClientInfo,
): Promise<RealtimeResult> {
  const verified = verifyTicket(ticket, { appKey: env().PUSHER_KEY, secret: env().PUSHER_SECRET });
  if (!verified.ok) return refuseTicket(verified.code);
  const result = await exchangeVerified(verified.payload, client);
  await recordAuthEvent({
    kind: "ticket_exchanged",
    outcome: result.ok ? "success" : "failure",
    reason: result.ok ? null : result.refusal.code,
    userId: verified.payload.identity.endpoint,
    sessionId: result.ok ? result.sessionId : null,
    detail: `${verified.payload.flow} ${verified.payload.nonce}`,
    clientAddress: client?.clientAddress ?? null,
    userAgent: client?.userAgent ?? null,
  });
  return result;
}

async function exchangeVerified(
  payload: TicketPayload,
  client?: RealtimeClientInfo,
): Promise<RealtimeResult> {
  const { identity, created, nonce, flow, session: parent } = payload;

  const user = await cachedUser(identity.endpoint);
  if (!user) return refuseTicket("ticket_revoked");
  if (user.bannedAt) return refuse(BANNED);
  const revoked = await ticketRevoked({
    created,
    flow,
    session: parent,
    userRevokedAt: user.realtimeRevokedAt,
  });
  if (revoked) return revoked;

  const session = await startRealtimeSession(db(), {
    userId: user.id,
    ticketNonce: nonce,
    flow,
    ttlHours: env().REALTIME_SESSION_TTL_HOURS,
    webSessionId: parent,
    userAgent: client?.userAgent,
    clientAddress: client?.clientAddress,
    maxSessions: env().MAX_SESSIONS_PER_USER,
  });
  if (!session) return refuseTicket("ticket_used");
  await endDisplacedSessions(user.id, session.displaced);
  const admitted = admit(user, session.id);
  return admitted.ok ? { ...admitted, issued: session } : admitted;
}

async function resumeSession(token: string): Promise<RealtimeResult> {
  const session = await cachedSession(token);
  if (session?.flow === "service") {
    const service = await serviceAuthState();
    // A service session that the switch ended says so, which tells its user more than "ended".
    if (!service.enabled) return { ok: false, refusal: SERVICE_AUTH_DISABLED };
    // Started before the switch was last turned on, so before a switch-off: dead for good, even
    // if its start raced the switch-off.
    if (service.since && session.createdAt < service.since) return refuse(sessionEnded(undefined));
  }
  if (!session?.live) return refuse(sessionEnded(session?.endReason));
  const admitted = admit(await cachedUser(session.userId), session.id);
  if (admitted.ok) touchSession("realtime", session.id);
  return admitted;
}

/**
 * Who is asking pusher-js's endpoints: by a ticket (exchanged once, on user-auth), by a realtime
 * session token, or else by the session cookie, through the gate.
 */
export function realtimeCaller(
  credentials: { ticket?: string; session?: string },
  client?: RealtimeClientInfo,
): Promise<RealtimeResult | GateResult> {
  if (credentials.ticket) return exchangeTicket(credentials.ticket, client);
  if (credentials.session) return resumeSession(credentials.session);
  return currentUser();
}
