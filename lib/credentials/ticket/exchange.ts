import "server-only";
import { recordAuthEvent } from "@/lib/activity-log/record";
import {
  type RealtimeClientInfo,
  type RealtimeResult,
  refuseTicket,
} from "@/lib/credentials/realtime-result";
import { serviceSwitchRefusal } from "@/lib/credentials/service/guard";
import { type TicketPayload, verifyTicket } from "@/lib/credentials/ticket/format";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { admit, BANNED, refuse } from "@/lib/identity/gate";
import { endDisplacedSessions } from "@/lib/sessions/lifecycle";
import { webLiveness } from "@/lib/sessions/liveness";
import { startRealtimeSession } from "@/lib/sessions/realtime";
import { cachedUser, cachedWebSession } from "@/lib/sessions/user-cache";

// A ticket, exchanged once on user-auth for a realtime session: a device of its own, whose token
// the client presents from then on (lib/credentials/token-presentation.ts).

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
    const switched = await serviceSwitchRefusal(new Date(payload.created), () =>
      refuseTicket("ticket_revoked"),
    );
    if (switched) return switched;
  }
  if (payload.session) {
    const parent = await cachedWebSession(payload.session);
    if (!parent || !webLiveness(parent).live) return refuseTicket("ticket_revoked");
  }
  return undefined;
}

/**
 * Exchanges a ticket, and records the outcome in the activity log when the ticket is one this
 * app signed: a malformed or forged one names nobody, and anyone could send them by the million.
 */
export async function exchangeTicket(
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
