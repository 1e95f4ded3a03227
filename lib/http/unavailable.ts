import { limited } from "@/lib/http/errors";

// Connection-level failures of the database or the realtime server: the request was fine, a
// backing service was not. PostgreSQL's class 08 and 57P0x codes, and Node's socket errors.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** True when `error`, or an error it wraps, says a backing service could not be reached. */
export function isUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const { code, name, status, cause } = current as {
      code?: unknown;
      name?: unknown;
      status?: unknown;
      cause?: unknown;
    };
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    // The pusher SDK's RequestError without a status: no answer came back at all.
    if (name === "PusherRequestError" && status === undefined) return true;
    current = cause ?? (current as { error?: unknown }).error;
  }
  return false;
}

/**
 * Wraps a route handler so that an unreachable database or realtime server answers
 * 503 JSON with Retry-After, instead of a 500. Any other error is a bug and is rethrown.
 */
export function withUnavailable<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      console.warn(
        "A backing service is unreachable:",
        error instanceof Error ? error.message : error,
      );
      return limited(5, "service_unavailable");
    }
  };
}
