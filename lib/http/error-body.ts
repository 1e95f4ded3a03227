import { isRefusalEndReason, type RefusalEndReason } from "@/lib/vocabulary/end-reason";

// The wire format of every refusal, apart from the catalog (lib/http/errors.ts) so that the
// browser's bundle takes the format and the two messages it shows, not the whole table.

export type ErrorBody = { error: string; message: string; reason?: RefusalEndReason };

/** What the gate answers a suspended account, and an ended session, on every path. */
export const SUSPENDED_MESSAGE = "This account is suspended.";
export const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again.";

/** An answer's body as the catalog's wire format, if it is one. */
export function parseErrorBody(json: unknown): ErrorBody | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const { error, message, reason } = json as Record<string, unknown>;
  if (typeof error !== "string" || typeof message !== "string") return undefined;
  return isRefusalEndReason(reason) ? { error, message, reason } : { error, message };
}
