import { and, eq, lt } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import { type WebSession, webSessions } from "@/lib/db/schema";
import { countSessionStarted } from "@/lib/observability/metrics";
import { recordedClient } from "@/lib/sessions/client";
import { type SessionLimit, startWithinLimit } from "@/lib/sessions/limit";
import { liveWebSession } from "@/lib/sessions/liveness";
import type { SignInMethod } from "@/lib/vocabulary/session-kinds";

// Web sessions: one record per sign-in to the site, so that a JWT cookie can be ended before it
// expires (lib/sessions/end.ts ends them, with the realtime sessions that their tickets started).

/**
 * Stores a sign-in. With `maxSessions`, the user's sessions are counted under a lock on the
 * user's row, and the least recently used ones past the limit end (reason "session_limit"):
 * `displaced` lists them, for the caller to close their connections.
 */
export async function startWebSession(
  db: Database,
  input: {
    userId: string;
    method: SignInMethod;
    userAgent?: string | null;
    clientAddress?: string | null;
    /** The session cookie's maxAge: the record expires with the cookie. */
    maxAgeSeconds: number;
    limit?: SessionLimit;
  },
): Promise<WebSession & { displaced: string[] }> {
  const maxAge = input.maxAgeSeconds;
  const started = await startWithinLimit(db, input.userId, input.limit, async (tx) => {
    const [session] = await tx
      .insert(webSessions)
      .values({
        userId: input.userId,
        method: input.method,
        ...recordedClient(input),
        expiresAt: new Date(Date.now() + maxAge * 1000),
      })
      .returning();
    return session;
  });
  if (!started) throw new Error("The web session was not stored.");
  countSessionStarted({ kind: "web", method: input.method });
  return { ...started.session, displaced: started.displaced };
}

export async function findWebSession(db: Database, id: string): Promise<WebSession | undefined> {
  const [session] = await db.select().from(webSessions).where(eq(webSessions.id, id)).limit(1);
  return session;
}

/**
 * Auth.js re-issues the JWT cookie with a full maxAge each time the session is read; the record
 * follows, as Auth.js's database sessions do: once `updateAge` has passed since it was last
 * extended. The record so never outlives the cookie, and trails it by less than `updateAge`.
 * The new expiry when it was extended.
 */
export async function extendWebSession(
  db: Database,
  session: Pick<WebSession, "id" | "expiresAt">,
  ages: { maxAgeSeconds: number; updateAgeSeconds: number },
  now = new Date(),
): Promise<Date | undefined> {
  const extendedAt = session.expiresAt.getTime() - ages.maxAgeSeconds * 1000;
  if (now.getTime() - extendedAt < ages.updateAgeSeconds * 1000) return undefined;
  const expiresAt = new Date(now.getTime() + ages.maxAgeSeconds * 1000);
  const extended = await db
    .update(webSessions)
    .set({ expiresAt })
    .where(
      and(
        eq(webSessions.id, session.id),
        liveWebSession(now),
        lt(webSessions.expiresAt, expiresAt),
      ),
    )
    .returning({ id: webSessions.id });
  return extended.length > 0 ? expiresAt : undefined;
}
