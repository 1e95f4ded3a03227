import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import { type WebSession, webSessions } from "@/lib/db/schema";
import { liveWebSession } from "@/lib/sessions/liveness";

// When a web session last proved who holds it: its sign-in, then each confirmation since
// ("Confirm it's you", lib/identity/step-up.ts). It lives on the session's row, so a confirmation
// helps that session alone: not another session of the user, nor an older copy of the cookie
// once the session ended.

/** Whether a session confirmed at `confirmedAt` may act on a sensitive action at `now`. */
export function isRecentlyConfirmed(
  confirmedAt: Date,
  maxAgeSeconds: number,
  now = new Date(),
): boolean {
  // A clock that stepped back (a confirmation "in the future") still counts from when it says.
  return now.getTime() - confirmedAt.getTime() < maxAgeSeconds * 1000;
}

/** Records a confirmation of a live session; the row as it now is, or undefined if it ended. */
export async function confirmWebSession(
  db: Pick<Database, "update">,
  id: string,
  now = new Date(),
): Promise<WebSession | undefined> {
  const [session] = await db
    .update(webSessions)
    .set({ confirmedAt: now })
    .where(and(eq(webSessions.id, id), liveWebSession(now)))
    .returning();
  return session;
}
