import "server-only";
import type {
  RealtimeCaller,
  RealtimeClientInfo,
  RealtimeResult,
} from "@/lib/credentials/realtime-result";
import { exchangeTicket } from "@/lib/credentials/ticket/exchange";
import { presentSession, type SessionUse } from "@/lib/credentials/token-presentation";
import { env } from "@/lib/env";
import { type Caller, currentUser, type GateResult } from "@/lib/identity/gate";

// The gate for pusher-js's endpoints, which accept two credentials besides the session cookie.

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
