import { and, eq, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import { realtimeSessions, users, webSessions } from "@/lib/db/schema";
import { countSessionsEnded } from "@/lib/observability/metrics";
import { traceSessionsEnd } from "@/lib/observability/tracing";
import type { SessionEndReason } from "@/lib/vocabulary/end-reason";
import type { SessionStore } from "@/lib/vocabulary/session-kinds";

// The one place that ends sessions. Every end names its reason, on every row it touches: a
// realtime session that ends with the web session that started it carries the same reason. Each
// user who lost a session has their channel epoch moved on (lib/db/schema/auth.ts,
// users.channelEpoch).

/** A database, or a transaction on one: both run the same queries. */
export type Queryable = Pick<Database, "select" | "update" | "insert">;

/** Which sessions end. */
export type EndScope =
  /** Every session of the user, and every ticket issued to them so far. */
  | { userId: string; all: true }
  /**
   * These sessions of the user (web or realtime ids; another user's ids match nothing), and the
   * realtime sessions that the web ones started. `refuseTickets`: also every ticket issued so far.
   */
  | { userId: string; ids: readonly string[]; refuseTickets?: boolean }
  /** Every session past its lifetime or idle timeout, of any user. */
  | { expired: true; idleSeconds: number }
  /** Every realtime session that the service flow started, of any user. */
  | { flow: "service" };

export type EndedSession = { id: string; userId: string; kind: SessionStore };

function webScope(scope: EndScope, now: Date): SQL | undefined {
  if ("all" in scope) return eq(webSessions.userId, scope.userId);
  if ("ids" in scope)
    return scope.ids.length === 0
      ? undefined
      : and(eq(webSessions.userId, scope.userId), inArray(webSessions.id, [...scope.ids]));
  if ("expired" in scope) return lte(webSessions.expiresAt, now);
  return undefined; // The service flow starts no web session.
}

function realtimeScope(scope: EndScope, now: Date, endedWeb: string[]): SQL | undefined {
  const children = endedWeb.length > 0 ? inArray(realtimeSessions.webSessionId, endedWeb) : null;
  if ("all" in scope) return eq(realtimeSessions.userId, scope.userId);
  if ("ids" in scope) {
    const named = scope.ids.length > 0 ? inArray(realtimeSessions.id, [...scope.ids]) : null;
    const either = [named, children].filter((condition) => condition !== null);
    if (either.length === 0) return undefined;
    return and(eq(realtimeSessions.userId, scope.userId), or(...either));
  }
  if ("expired" in scope) {
    const idleSince = new Date(now.getTime() - scope.idleSeconds * 1000);
    return or(
      lte(realtimeSessions.expiresAt, now),
      lte(realtimeSessions.rotatedAt, idleSince),
      ...(children ? [children] : []),
    );
  }
  return eq(realtimeSessions.flow, "service");
}

/** Ends the sessions of one table that `where` selects and that are not ended yet. */
async function endLive(
  db: Queryable,
  table: typeof webSessions | typeof realtimeSessions,
  where: SQL | undefined,
  ended: { endedAt: Date; endReason: SessionEndReason },
): Promise<{ id: string; userId: string }[]> {
  if (!where) return [];
  return db
    .update(table)
    .set(ended)
    .where(and(isNull(table.endedAt), where))
    .returning({ id: table.id, userId: table.userId });
}

/**
 * Ends the sessions in `scope` that are not ended yet, each once however many instances race to
 * end it, and returns them. Run it in a transaction when more than this must hold together.
 * Each end is counted and traced with its reason (counted when its statement ran: a transaction
 * that rolls back afterwards still counted it).
 */
export async function endSessions(
  db: Queryable,
  scope: EndScope,
  reason: SessionEndReason,
  now = new Date(),
): Promise<EndedSession[]> {
  const startedAt = Date.now();
  const ended = await endInScope(db, scope, reason, now);
  countSessionsEnded(reason, ended.length);
  traceSessionsEnd(reason, ended.length, startedAt);
  return ended;
}

async function endInScope(
  db: Queryable,
  scope: EndScope,
  reason: SessionEndReason,
  now: Date,
): Promise<EndedSession[]> {
  const ended = { endedAt: now, endReason: reason };
  const webWhere = webScope(scope, now);
  const web = await endLive(db, webSessions, webWhere, ended);
  const realtimeWhere = realtimeScope(
    scope,
    now,
    web.map((session) => session.id),
  );
  const realtime = await endLive(db, realtimeSessions, realtimeWhere, ended);

  const refuseTickets = "all" in scope || ("ids" in scope && scope.refuseTickets === true);
  const losers = new Set([...web, ...realtime].map((session) => session.userId));
  if (refuseTickets && "userId" in scope) losers.add(scope.userId);
  if (losers.size > 0) {
    await db
      .update(users)
      .set({
        channelEpoch: sql`${users.channelEpoch} + 1`,
        ...(refuseTickets ? { realtimeRevokedAt: now } : {}),
      })
      .where(inArray(users.id, [...losers]));
  }
  return [
    ...web.map((session) => ({ ...session, kind: "web" as const })),
    ...realtime.map((session) => ({ ...session, kind: "realtime" as const })),
  ];
}

/**
 * Moves the user's channel epoch on without ending a session: their access shrank (a role
 * revoked), so the channels named with it change.
 */
export async function advanceChannelEpoch(db: Queryable, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ channelEpoch: sql`${users.channelEpoch} + 1` })
    .where(eq(users.id, userId));
}
