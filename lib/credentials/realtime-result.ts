import type { TicketFailure } from "@/lib/credentials/ticket/format";
import { type Refusal, refusal } from "@/lib/http/errors";
import type { Caller, GateRefusal } from "@/lib/identity/gate";

// What pusher-js's endpoints learn of their caller: a ticket (exchanged once, for a realtime
// session), that session's token, or the session cookie, each ending in the gate's admit().

export type TicketRefusalCode = TicketFailure | "ticket_revoked" | "ticket_used";

export type RealtimeRefusal = GateRefusal | Refusal<TicketRefusalCode | "service_auth_disabled">;

export type RealtimeCaller = Caller & {
  /** Present when a ticket was exchanged: the client signs in with its token from then on. */
  issued?: { token: string; expiresAt: Date };
};

export type RealtimeResult =
  | ({ ok: true } & RealtimeCaller)
  | { ok: false; refusal: RealtimeRefusal };

/** The client that presents a credential: stored with the realtime session a ticket starts. */
export type RealtimeClientInfo = { userAgent: string | null; clientAddress: string };

export function refuseTicket(code: TicketRefusalCode): RealtimeResult {
  return { ok: false, refusal: refusal(code) };
}
