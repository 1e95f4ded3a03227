import { SESSION_ENDED_MESSAGE, SUSPENDED_MESSAGE } from "@/lib/http/error-body";
import type { RefusalEndReason } from "@/lib/vocabulary/end-reason";

// What the server tells a user's tabs just before it closes their connections, and the words a
// tab shows for it. Shared by the server (which sends it) and the browser (which shows it).

/**
 * The bundled soketi's refusal of a sign-in on a socket opened before the user's last terminate
 * (scripts/soketi/server.cjs). A sign-in that itself ended another session (the session limit)
 * meets it too: its socket was open when it did; a new socket signs in.
 */
export const OPENED_BEFORE_END = "The app ended this user's sessions after this connection opened.";

/** The user event that precedes a terminate: pusher.sendToUser(id, SESSION_ENDED_EVENT, notice). */
export const SESSION_ENDED_EVENT = "session-ended";

export type EndReason =
  | "signed_out"
  | "signed_out_everywhere"
  | "user_banned"
  | "service_auth_disabled"
  | "disconnected"
  | "rights_changed"
  /** This device was signed out from another one (its Devices list, or the JSON endpoint). */
  | "signed_out_remotely"
  /** A sign-in elsewhere passed MAX_SESSIONS_PER_USER, and this session was the least recently used. */
  | "session_limit"
  /** Past its lifetime or its idle timeout (REALTIME_SESSION_*_SECONDS, WEB_SESSION_MAX_AGE_SECONDS). */
  | "session_expired"
  /** A token it had rotated out was presented again: someone else holds a copy of it. */
  | "session_reused"
  /** The password was changed on another device: every other session of the user ended. */
  | "password_changed";

/** `sessions`: the web or realtime session ids that ended; null means every session of the user. */
export type SessionEnded = { reason: EndReason; sessions: string[] | null };

export const END_MESSAGES: Record<EndReason | "session_revoked" | "session_ended", string> = {
  signed_out: "You signed out in another tab or on another device.",
  signed_out_everywhere: "This account was signed out everywhere.",
  user_banned: SUSPENDED_MESSAGE,
  service_auth_disabled: "Authentication by the service was switched off on this site.",
  disconnected: "An administrator closed this connection.",
  rights_changed: "Your rights on this site changed: signing in again.",
  signed_out_remotely: "This device was signed out from another device.",
  session_limit:
    "This device was signed out: the account signed in on more devices than it may hold at once, and this one was the least recently used.",
  session_expired: "Your session expired. Sign in again.",
  session_reused:
    "This session was ended because an old copy of its token was used: someone else may hold it. Sign in again.",
  password_changed:
    "The password of this account was changed on another device. Sign in with the new one.",
  session_revoked: "Your session was ended. Sign in again.",
  session_ended: SESSION_ENDED_MESSAGE,
};

/** The three ways a session ends, as the client's typed errors name them. */
export type SessionEndCode = "session_expired" | "session_revoked" | "session_reused";

/** Which of the three a final end reason (or a refusal's `reason`) is. */
export function sessionEndCode(reason: EndReason | RefusalEndReason | undefined): SessionEndCode {
  if (reason === "session_expired" || reason === "session_reused") return reason;
  return "session_revoked";
}

// An administrator's disconnect leaves the session alive; a rights change ends none (its notice
// names no session, so every tab signs in again by itself).
const NOT_FINAL = new Set<EndReason>(["disconnected", "rights_changed"]);

/** Whether signing in again cannot succeed after this reason. */
export function isFinal(reason: EndReason): boolean {
  return !NOT_FINAL.has(reason);
}

/** A reason a notice or a close may carry; the 401's "session_ended" and "session_revoked" are none. */
export function isEndReason(reason: unknown): reason is EndReason {
  return (
    typeof reason === "string" &&
    Object.hasOwn(END_MESSAGES, reason) &&
    reason !== "session_ended" &&
    reason !== "session_revoked"
  );
}

// The app server's refusals that mean the same: what this tab holds can never sign in again.
const FINAL_REFUSALS = new Set([
  "no_session",
  "session_ended",
  "user_banned",
  "service_auth_disabled",
]);

/** True when an error (a RealtimeError's kind and code) ended this tab's session for good. */
export function endsSession(error: { kind: string; code: string }): boolean {
  // "ended" carries a notice's reason, or a SessionEndedError's code (session_revoked …): final.
  if (error.kind === "ended") {
    return isEndReason(error.code) ? isFinal(error.code) : Object.hasOwn(END_MESSAGES, error.code);
  }
  return error.kind === "http" && FINAL_REFUSALS.has(error.code);
}

export function parseSessionEnded(data: unknown): SessionEnded | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const { reason, sessions } = data as Record<string, unknown>;
  if (!isEndReason(reason)) return undefined;
  const ids = Array.isArray(sessions) ? sessions.filter((id) => typeof id === "string") : null;
  return { reason, sessions: ids };
}
