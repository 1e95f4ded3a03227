import { listensBeyondLoopback } from "@/lib/env-schema";
import { apiError } from "@/lib/http/errors";

// DNS rebinding: a page of another site whose name the attacker re-points at 127.0.0.1 becomes
// same-origin with the local app, and can sign in with the published demo passwords. The local app
// listens on loopback only, so a browser names it localhost or a loopback address; any other name
// in Host came through a rebound DNS answer. A deployment names itself in AUTH_URL, or listens
// beyond loopback on purpose: then Host is the proxy's business, and this check stands aside.

/** Whether this request names a host the local app cannot be reached by but through rebinding. */
export function isRebound(
  host: string | null,
  settings: { AUTH_URL?: string; HOSTNAME?: string },
): boolean {
  if (settings.AUTH_URL || listensBeyondLoopback(settings.HOSTNAME)) return false;
  if (!host) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return true;
  }
  return listensBeyondLoopback(hostname);
}

/** The answer to a rebound request: 403, naming the host rule. */
export function reboundResponse(): Response {
  return apiError("untrusted_host");
}
