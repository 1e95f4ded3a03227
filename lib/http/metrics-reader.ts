import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { type AnyRefusal, refusal } from "@/lib/http/errors";

// Who may read GET /api/metrics: whoever sends METRICS_TOKEN as a bearer token. Off (404) when it
// is unset, so that a site that never chose to publish its counters does not.

// The scheme is case-insensitive (RFC 9110 §11.1); the token is not.
const BEARER = /^Bearer ([\x21-\x7e]+)$/i;

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compared as SHA-256 digests: the same length whatever was sent, in constant time. */
function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Why an Authorization header may not read the metrics, or null when it may. */
export function metricsRefusal(
  authorization: string | null,
  expected: string | undefined,
): AnyRefusal | null {
  if (!expected) return refusal("metrics_off");
  const given = BEARER.exec(authorization ?? "")?.[1];
  if (given === undefined || !sameToken(given, expected)) return refusal("metrics_token_required");
  return null;
}

/** The metrics route's gate. */
export async function metricsReader(
  request: Request,
): Promise<{ ok: true } | { ok: false; refusal: AnyRefusal }> {
  const refused = metricsRefusal(request.headers.get("authorization"), env().METRICS_TOKEN);
  return refused ? { ok: false, refusal: refused } : { ok: true };
}
