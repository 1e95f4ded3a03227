import "server-only";
import { passkeyOptionsLimiter } from "@/lib/credentials/limiters";
import { formatWait } from "@/lib/format";
import { limited } from "@/lib/http/errors";

// Every request for passkey options stores a challenge for 5 minutes: each asker, a client
// without a session or a signed-in user, gets a few a minute from one limiter.

/** The 429 to answer when `asker` (a client's address, or `user:<id>`) has asked too often. */
export async function passkeyOptionsRefusal(asker: string): Promise<Response | undefined> {
  const wait = await passkeyOptionsLimiter().take(asker);
  if (wait === 0) return undefined;
  return limited(wait, "throttled", `Too many passkey requests. Try again in ${formatWait(wait)}.`);
}
