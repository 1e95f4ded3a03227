import "server-only";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { serviceAuthState } from "@/lib/credentials/service-switch";
import { type TicketFailure, type TicketPayload, verifyTicket } from "@/lib/credentials/tickets";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import {
  admit,
  BANNED,
  type Caller,
  currentUser,
  type GateResult,
  type Refusal,
  refuse,
  sessionEnded,
} from "@/lib/identity/gate";
import { touchSession } from "@/lib/sessions/last-active";
import { endDisplacedSessions, endReusedSession } from "@/lib/sessions/lifecycle";
import { webLiveness } from "@/lib/sessions/liveness";
import {
  type RealtimeSession,
  rotateSession,
  sessionState,
  spendGrace,
  startRealtimeSession,
} from "@/lib/sessions/realtime";
import { readSessionToken, sessionToken } from "@/lib/sessions/session-tokens";
import {
  cachedSession,
  cachedUser,
  cachedWebSession,
  freshSession,
  rememberSession,
} from "@/lib/sessions/user-cache";

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
    if (!parent || !webLiveness(parent).live) return refuseTicket("ticket_revoked");
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
    maxAgeSeconds: env().REALTIME_SESSION_MAX_AGE_SECONDS,
    secret: env().PUSHER_SECRET,
    webSessionId: parent,
    userAgent: client?.userAgent,
    clientAddress: client?.clientAddress,
    limit: {
      maxSessions: env().MAX_SESSIONS_PER_USER,
      idleSeconds: env().REALTIME_SESSION_IDLE_SECONDS,
    },
  });
  if (!session) return refuseTicket("ticket_used");
  await endDisplacedSessions(user.id, session.displaced);
  const admitted = admit(user, session.id);
  return admitted.ok ? { ...admitted, issued: session } : admitted;
}

/** How a request uses a realtime session token: signing a socket in rotates it; channel auth does not. */
export type SessionUse = "sign-in" | "rotate" | "channel";

function refuseSession(reason: string | undefined): RealtimeResult {
  return refuse(sessionEnded(reason));
}

/** What a live session's caller gets: the user, and the token to present next when it rotated. */
async function admitSession(session: RealtimeSession, next?: number): Promise<RealtimeResult> {
  const admitted = admit(await cachedUser(session.userId), session.id);
  if (!admitted.ok) return admitted;
  touchSession("realtime", session.id);
  if (next === undefined) return admitted;
  const token = sessionToken(env().PUSHER_SECRET, session.id, next);
  return { ...admitted, issued: { token, expiresAt: session.expiresAt } };
}

/**
 * A session token, checked and (for "sign-in" and "rotate") rotated: the answer carries the next
 * token, and the one presented is retired. A retired token that comes back is reuse, which ends
 * the session, except the one just retired, once, within REALTIME_TOKEN_GRACE_SECONDS: its
 * answer may have been lost, so the current token is sent again.
 */
async function presentSession(
  token: string,
  use: SessionUse,
  retried = false,
): Promise<RealtimeResult> {
  const { PUSHER_SECRET, REALTIME_SESSION_IDLE_SECONDS, REALTIME_TOKEN_GRACE_SECONDS } = env();
  const claim = readSessionToken(PUSHER_SECRET, token);
  // Not minted here: it names no session, so it can end none.
  if (!claim) return refuseSession(undefined);
  const limits = { idleSeconds: REALTIME_SESSION_IDLE_SECONDS };

  // The hot path of a sign-in, the current token of a live session: rotated in one statement.
  if (use !== "channel" && !retried) {
    const rotated = await rotateSession(db(), claim.id, claim.generation, limits);
    if (rotated) return admitRotated(rotated);
  }

  // The hot path, channel auth with the current token, is answered from the cache, read within
  // the grace: had another instance rotated it since, this token would still be accepted.
  const remembered =
    use === "channel"
      ? await cachedSession(claim.id, REALTIME_TOKEN_GRACE_SECONDS * 1000)
      : undefined;
  const current =
    remembered?.generation === claim.generation ? remembered : await freshSession(claim.id);
  if (!current) return refuseSession(undefined);

  const switchedOff = await serviceRefusal(current);
  if (switchedOff) return switchedOff;
  const state = sessionState(current, limits);
  if (!state.live) return refuseSession(state.reason);

  if (claim.generation > current.generation) return refuseSession(undefined);
  if (claim.generation < current.generation) {
    const previous = claim.generation === current.generation - 1;
    const inGrace = Date.now() - current.rotatedAt.getTime() <= REALTIME_TOKEN_GRACE_SECONDS * 1000;
    if (previous && inGrace) {
      if (use === "channel") return admitSession(current);
      if (await spendGrace(db(), current.id, current.generation)) {
        rememberSession(current.id, { ...current, graceUsed: true });
        return admitSession(current, current.generation);
      }
    }
    await endReusedSession(
      current.userId,
      current.id,
      `generation ${claim.generation} presented after ${current.generation}`,
    );
    return refuseSession("session_reused");
  }
  if (use === "channel") return admitSession(current);
  // Live and current, yet the rotation above missed it: a request raced it, or a deadline fell
  // in between. Once more, from the top: it is now the previous token, or the session ended.
  if (retried) return refuseSession(undefined);
  return presentSession(token, use, true);
}

/** A session just rotated: what the update could not check, then the caller with its next token. */
async function admitRotated(rotated: RealtimeSession): Promise<RealtimeResult> {
  rememberSession(rotated.id, rotated);
  const switchedOff = await serviceRefusal(rotated);
  if (switchedOff) return switchedOff;
  // Not logged: a rotation is routine, and its anomalies (reuse, expiry) are logged as such.
  return admitSession(rotated, rotated.generation);
}

/** A service session's refusal by the switch, which tells its user more than "ended". */
async function serviceRefusal(session: RealtimeSession): Promise<RealtimeResult | undefined> {
  if (session.flow !== "service") return undefined;
  const service = await serviceAuthState();
  if (!service.enabled) return { ok: false, refusal: SERVICE_AUTH_DISABLED };
  // Started before the switch was last turned on, so before a switch-off: dead for good, even
  // if its start raced the switch-off.
  if (service.since && session.createdAt < service.since) return refuseSession(undefined);
  return undefined;
}

/**
 * Who is asking pusher-js's endpoints: by a ticket (exchanged once, on user-auth), by a realtime
 * session token, or else by the session cookie, through the gate.
 */
export function realtimeCaller(
  credentials: { ticket?: string; session?: string },
  use: SessionUse,
  client?: RealtimeClientInfo,
): Promise<RealtimeResult | GateResult> {
  if (credentials.ticket) return exchangeTicket(credentials.ticket, client);
  if (credentials.session) return presentSession(credentials.session, use);
  return currentUser();
}

/**
 * The answer's session fields when the caller was issued a token: the token to present next,
 * when the session ends at the latest, and how often a connected client rotates it, so that an
 * open tab never reaches the idle timeout.
 */
export function issuedSession(caller: RealtimeCaller | Caller): Record<string, unknown> {
  if (!("issued" in caller) || !caller.issued) return {};
  return {
    session: caller.issued.token,
    session_expires_at: caller.issued.expiresAt,
    session_refresh_ms: Math.floor((env().REALTIME_SESSION_IDLE_SECONDS * 1000) / 3),
  };
}
