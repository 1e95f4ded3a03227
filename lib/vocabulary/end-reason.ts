// Why a session ended: one vocabulary for web and realtime sessions, stored in `end_reason`.

export const SESSION_END_REASONS = [
  "signed_out",
  "signed_out_everywhere",
  "banned",
  /** Signed out from another device (the Devices list, or DELETE /api/account/devices/{id}). */
  "signed_out_remotely",
  /** A newer sign-in would have passed MAX_SESSIONS_PER_USER: the least recently used ended. */
  "session_limit",
  /** Past its lifetime or idle timeout, ended by the sweeper (lib/sessions/expiry.ts). */
  "session_expired",
  /** A realtime token that was rotated out came back: someone else holds a copy. */
  "session_reused",
  /** Started by the service flow, which an operator switched off. */
  "service_auth_disabled",
  /** An operator set a new password (npm run user:create): every session of the user ends. */
  "password_reset",
  /** The user changed their password on /account: every other session of theirs ends. */
  "password_changed",
] as const;

export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * The ends that a 401's `reason` names as they are (the sign-in page has words for each); any
 * other end is answered as plain "session_ended".
 */
export const NAMED_ENDS = [
  "signed_out",
  "signed_out_everywhere",
  "signed_out_remotely",
  "session_limit",
  "session_expired",
  "session_reused",
  "password_changed",
] as const satisfies readonly SessionEndReason[];

/** A refusal's `reason`, on the wire and in the client's SessionEndedError. */
export type RefusalEndReason = (typeof NAMED_ENDS)[number] | "session_ended";

export function isRefusalEndReason(value: unknown): value is RefusalEndReason {
  return value === "session_ended" || NAMED_ENDS.some((end) => end === value);
}
