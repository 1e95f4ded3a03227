import { and, eq, getTableColumns } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import { realtimeSessions, users, webSessions } from "@/lib/db/schema";
import { endSessions, type Queryable } from "@/lib/sessions/end";
import { liveRealtimeSession, liveWebSession } from "@/lib/sessions/liveness";
import type { SessionStore } from "@/lib/vocabulary/session-kinds";

// The live sessions of a user, and the per-user limit that a new sign-in makes room under.

/** The per-user limit, and the idle timeout that decides which realtime sessions still count. */
export type SessionLimit = { maxSessions: number; idleSeconds: number };

/** One live session, as stored: a web sign-in, or a realtime session that a ticket started. */
export type LiveSession = {
  id: string;
  kind: SessionStore;
  /** Web sessions: credentials or GitHub. */
  method: typeof webSessions.$inferSelect.method | null;
  /** Realtime sessions: which flow issued the ticket that started it. */
  flow: typeof realtimeSessions.$inferSelect.flow | null;
  /** Ticket sessions: the web session whose ticket started it (it ends with that one). */
  webSessionId: string | null;
  userAgent: string | null;
  clientAddress: string | null;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
};

/** Every live session of a user (lib/sessions/liveness.ts says which are). */
export async function liveSessions(
  db: Queryable,
  userId: string,
  limits: { idleSeconds: number; now?: Date },
): Promise<LiveSession[]> {
  const now = limits.now ?? new Date();
  const { method, ...web } = getTableColumns(webSessions);
  const webRows = await db
    .select({ ...web, method })
    .from(webSessions)
    .where(and(eq(webSessions.userId, userId), liveWebSession(now)));
  const realtimeRows = await db
    .select()
    .from(realtimeSessions)
    .where(
      and(
        eq(realtimeSessions.userId, userId),
        liveRealtimeSession({ idleSeconds: limits.idleSeconds, now }),
      ),
    );
  const common = (session: (typeof webRows)[number] | (typeof realtimeRows)[number]) => ({
    id: session.id,
    userAgent: session.userAgent,
    clientAddress: session.clientAddress,
    createdAt: session.createdAt,
    lastActiveAt: session.lastActiveAt,
    expiresAt: session.expiresAt,
  });
  return [
    ...webRows.map((session) => ({
      ...common(session),
      kind: "web" as const,
      method: session.method,
      flow: null,
      webSessionId: null,
    })),
    ...realtimeRows.map((session) => ({
      ...common(session),
      kind: "realtime" as const,
      method: null,
      flow: session.flow,
      webSessionId: session.webSessionId,
    })),
  ];
}

/** Least recently used first; the older start breaks a tie, then the id. */
export function leastRecentlyUsedFirst(a: LiveSession, b: LiveSession): number {
  return (
    a.lastActiveAt.getTime() - b.lastActiveAt.getTime() ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Holds the user's row until the transaction ends: every start of a session of this user goes
 * through here first, so two sign-ins at once are counted one after the other, never together.
 */
export async function lockUser(db: Queryable, userId: string): Promise<void> {
  await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
}

/**
 * The per-user limit, inside the transaction that just stored a new session (after lockUser):
 * while the user holds more than the limit of live sessions, ends the least recently used one
 * that is not in `keep` (the new session, and the web session its ticket came from). Ending a
 * web session ends its ticket sessions too. Returns every session ended ("session_limit").
 */
export async function makeRoom(
  db: Queryable,
  userId: string,
  limit: SessionLimit,
  keep: ReadonlySet<string>,
  now = new Date(),
): Promise<string[]> {
  const live = await liveSessions(db, userId, { idleSeconds: limit.idleSeconds, now });
  const remaining = new Set(live.map((session) => session.id));
  const ended: string[] = [];
  for (const session of live.filter((s) => !keep.has(s.id)).sort(leastRecentlyUsedFirst)) {
    if (remaining.size <= limit.maxSessions) break;
    if (!remaining.has(session.id)) continue; // Ended with its web session already.
    const scope = { userId, ids: [session.id] };
    for (const { id } of await endSessions(db, scope, "session_limit", now)) {
      remaining.delete(id);
      ended.push(id);
    }
  }
  return ended;
}

/**
 * Starts a session of the user in one transaction: lockUser, then `store`, then (with a limit)
 * makeRoom, which never ends the new session nor those in `keep`. Undefined when `store` stored
 * nothing. Web and realtime sessions both start here.
 */
export async function startWithinLimit<T extends { id: string }>(
  db: Database,
  userId: string,
  limit: SessionLimit | undefined,
  store: (tx: Queryable) => Promise<T | undefined>,
  keep: readonly string[] = [],
): Promise<{ session: T; displaced: string[] } | undefined> {
  return db.transaction(async (tx) => {
    if (limit) await lockUser(tx, userId);
    const session = await store(tx);
    if (!session) return undefined;
    const displaced = limit
      ? await makeRoom(tx, userId, limit, new Set([session.id, ...keep]))
      : [];
    return { session, displaced };
  });
}
