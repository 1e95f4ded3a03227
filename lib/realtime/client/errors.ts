import type { EndReason, SessionEndCode } from "@/lib/realtime/session-ended";
import type { RefusalEndReason } from "@/lib/vocabulary/end-reason";

/** Where a realtime failure came from. */
export type RealtimeErrorKind =
  | "signin" // pusher:signin_error without an HTTP answer behind it
  | "pusher" // pusher:error sent by the realtime server
  | "refused" // a close code 4001–4099: refused, pusher-js will not reconnect by itself
  | "ended" // the server ended this tab's session and said why first (code: the EndReason)
  | "http" // the app server answered the auth request with an error
  | "timeout"; // no verdict in time

export class RealtimeError extends Error {
  constructor(
    readonly kind: RealtimeErrorKind,
    /** The app server's error code for "http" (e.g. user_banned), else a fixed code per kind. */
    readonly code: string,
    message: string,
    /** The HTTP status for "http", the close or error code for "refused" and "pusher". */
    readonly status?: number,
  ) {
    super(message);
    this.name = "RealtimeError";
  }
}

/**
 * The session this client signed in with is over, for good: what it holds never signs in again.
 * `code` says which kind of end; `reason` the detail (signed_out, session_limit, user_banned …).
 */
export class SessionEndedError extends RealtimeError {
  constructor(
    override readonly code: SessionEndCode,
    readonly reason: EndReason | RefusalEndReason,
    message: string,
    status?: number,
  ) {
    super("ended", code, message, status);
    this.name = "SessionEndedError";
  }
}
