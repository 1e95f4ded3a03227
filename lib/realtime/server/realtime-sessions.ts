import { and, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import { lockUser, makeRoom } from "@/lib/auth/devices";
import type { Database } from "@/lib/db/connect";
import { groupCommit } from "@/lib/db/group-commit";
import {
  type AuthFlow,
  realtimeSessions,
  type WebSessionEndReason,
  webSessions,
} from "@/lib/db/schema";
import { sessionToken } from "@/lib/realtime/server/session-tokens";

// Realtime sessions let pusher-js sign in again after every reconnect without a ticket. Their
// token rotates on each sign-in (lib/realtime/server/caller.ts); none is stored.

/**
 * Starts a session for an exchanged ticket; undefined when that ticket was exchanged before.
 * With `maxSessions`, the least recently used sessions of the user past the limit end, counted
 * under a lock on the user's row (never the new session, nor the web session it came from):
 * `displaced` lists them.
 */
export async function startRealtimeSession(
  db: Database,
  input: {
    userId: string;
    ticketNonce: string;
    flow: AuthFlow;
    maxAgeSeconds: number;
    /** The app secret, which the token is signed under. */
    secret: string;
    /** The web session that asked for the ticket, if any: the realtime session ends with it. */
    webSessionId?: string;
    userAgent?: string | null;
    clientAddress?: string | null;
    maxSessions?: number;
  },
): Promise<{ id: string; token: string; expiresAt: Date; displaced: string[] } | undefined> {
  const expiresAt = new Date(Date.now() + input.maxAgeSeconds * 1000);
  return db.transaction(async (tx) => {
    if (input.maxSessions) await lockUser(tx, input.userId);
    const [session] = await tx
      .insert(realtimeSessions)
      .values({
        userId: input.userId,
        ticketNonce: input.ticketNonce,
        flow: input.flow,
        webSessionId: input.webSessionId,
        // Bounded: both come from the client.
        userAgent: input.userAgent?.slice(0, 512) ?? null,
        clientAddress: input.clientAddress?.slice(0, 64) ?? null,
        expiresAt,
      })
      .onConflictDoNothing({ target: realtimeSessions.ticketNonce })
      .returning({ id: realtimeSessions.id });
    if (!session) return undefined;
    const keep = new Set([session.id, ...(input.webSessionId ? [input.webSessionId] : [])]);
    const displaced = input.maxSessions
      ? await makeRoom(tx, input.userId, input.maxSessions, keep)
      : [];
    const token = sessionToken(input.secret, session.id, 0);
    return { id: session.id, token, expiresAt, displaced };
  });
}

export type RealtimeSession = {
  id: string;
  userId: string;
  flow: AuthFlow;
  generation: number;
  rotatedAt: Date;
  graceUsed: boolean;
  createdAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  endReason: WebSessionEndReason | null;
  /** False when the web session that started it has ended, which ends it too. */
  parentLive: boolean;
};

/** What the gate reads of a session, but whether its web session lives. */
const columns = {
  id: realtimeSessions.id,
  userId: realtimeSessions.userId,
  flow: realtimeSessions.flow,
  generation: realtimeSessions.generation,
  rotatedAt: realtimeSessions.rotatedAt,
  graceUsed: realtimeSessions.graceUsed,
  createdAt: realtimeSessions.createdAt,
  expiresAt: realtimeSessions.expiresAt,
  endedAt: realtimeSessions.endedAt,
  endReason: realtimeSessions.endReason,
};

/** A session by id, with whether the web session it came from still lives. */
export async function findSession(db: Database, id: string): Promise<RealtimeSession | undefined> {
  const [session] = await db
    .select({
      ...columns,
      parentLive: sql<boolean>`(${webSessions.id} is null or (${webSessions.endedAt} is null and ${webSessions.expiresAt} > now()))`,
    })
    .from(realtimeSessions)
    .leftJoin(webSessions, eq(webSessions.id, realtimeSessions.webSessionId))
    .where(eq(realtimeSessions.id, id))
    .limit(1);
  return session;
}

/** Live, or why not: its own end reason, "session_expired" past either deadline, or none known. */
export function sessionState(
  session: RealtimeSession,
  limits: { idleSeconds: number; now?: Date },
): { live: true } | { live: false; reason: string | undefined } {
  const now = limits.now ?? new Date();
  if (session.endedAt) return { live: false, reason: session.endReason ?? undefined };
  if (!session.parentLive) return { live: false, reason: undefined };
  const idleUntil = session.rotatedAt.getTime() + limits.idleSeconds * 1000;
  if (session.expiresAt <= now || idleUntil <= now.getTime())
    return { live: false, reason: "session_expired" };
  return { live: true };
}

type Rotation = { id: string; generation: number; idleSeconds: number; now?: Date };

/**
 * Rotations with the same limits in one UPDATE … RETURNING: each moves its session from its
 * generation to the next, if that is still the current one. A session named twice with the same
 * generation rotates once, for the first to ask, as it would one after the other.
 */
async function rotateTogether(
  db: Database,
  rotations: Rotation[],
  idleSeconds: number,
  now: Date,
): Promise<(RealtimeSession | undefined)[]> {
  const idleSince = new Date(now.getTime() - idleSeconds * 1000);
  const pairs = rotations.map(({ id, generation }) => sql`(${id}, ${generation}::integer)`);
  const rows = await db
    .update(realtimeSessions)
    .set({
      generation: sql`${realtimeSessions.generation} + 1`,
      rotatedAt: now,
      lastActiveAt: now,
      graceUsed: false,
    })
    .where(
      and(
        sql`(${realtimeSessions.id}, ${realtimeSessions.generation}) in (${sql.join(pairs, sql`, `)})`,
        isNull(realtimeSessions.endedAt),
        gt(realtimeSessions.expiresAt, now),
        gt(realtimeSessions.rotatedAt, idleSince),
      ),
    )
    .returning({
      ...columns,
      parentLive: sql<boolean>`(${realtimeSessions.webSessionId} is null or exists (select 1 from ${webSessions} where ${webSessions.id} = ${realtimeSessions.webSessionId} and ${webSessions.endedAt} is null and ${webSessions.expiresAt} > now()))`,
    });
  const rotated = new Map(rows.map((row) => [row.id, row]));
  return rotations.map(({ id, generation }) => {
    const row = rotated.get(id);
    if (row?.generation !== generation + 1) return undefined;
    rotated.delete(id); // Only the first to ask gets it.
    return row;
  });
}

/** A batch of rotations, grouped by their limits (in practice, one group). */
async function rotateBatch(db: Database, rotations: Rotation[]) {
  const groups = new Map<string, number[]>();
  for (const [index, { idleSeconds, now }] of rotations.entries()) {
    const key = `${idleSeconds}:${now?.getTime() ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  }
  const results = new Array<RealtimeSession | undefined>(rotations.length);
  for (const indexes of groups.values()) {
    const group = indexes.flatMap((index) => rotations[index] ?? []);
    const { idleSeconds = 0, now = new Date() } = group[0] ?? {};
    const rotated = await rotateTogether(db, group, idleSeconds, now);
    for (const [i, index] of indexes.entries()) results[index] = rotated[i];
  }
  return results;
}

// Every sign-in by realtime session rotates its token: a write per request, which under load
// the group commit shares among the requests that arrive while one is written.
const rotators = new WeakMap<
  Database,
  (rotation: Rotation) => Promise<RealtimeSession | undefined>
>();

/**
 * Moves a live session from `generation` to the next: the session as it is now, or undefined if
 * another request moved it first, or it ended or expired in the meantime (a rotation never
 * revives a session past a deadline), or there is none.
 */
export function rotateSession(
  db: Database,
  id: string,
  generation: number,
  limits: { idleSeconds: number; now?: Date },
): Promise<RealtimeSession | undefined> {
  let rotate = rotators.get(db);
  if (!rotate) {
    rotate = groupCommit((rotations: Rotation[]) => rotateBatch(db, rotations));
    rotators.set(db, rotate);
  }
  return rotate({ id, generation, ...limits });
}

/** Spends the one answer the previous token gets after `generation`'s rotation; false if spent. */
export async function spendGrace(db: Database, id: string, generation: number): Promise<boolean> {
  const spent = await db
    .update(realtimeSessions)
    .set({ graceUsed: true })
    .where(
      and(
        eq(realtimeSessions.id, id),
        eq(realtimeSessions.generation, generation),
        eq(realtimeSessions.graceUsed, false),
        isNull(realtimeSessions.endedAt),
      ),
    )
    .returning({ id: realtimeSessions.id });
  return spent.length > 0;
}

/** Ends one realtime session; false if it had ended already. */
export async function endRealtimeSession(
  db: Database,
  id: string,
  reason: WebSessionEndReason,
): Promise<boolean> {
  const ended = await db
    .update(realtimeSessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(realtimeSessions.id, id), isNull(realtimeSessions.endedAt)))
    .returning({ id: realtimeSessions.id });
  return ended.length > 0;
}

/**
 * Ends every live session past its lifetime or idle timeout, once: concurrent sweeps by several
 * instances each get a share, never the same session.
 */
export async function expireRealtimeSessions(
  db: Database,
  limits: { idleSeconds: number; now?: Date },
): Promise<{ id: string; userId: string }[]> {
  const now = limits.now ?? new Date();
  const idleSince = new Date(now.getTime() - limits.idleSeconds * 1000);
  return db
    .update(realtimeSessions)
    .set({ endedAt: now, endReason: "session_expired" })
    .where(
      and(
        isNull(realtimeSessions.endedAt),
        or(lte(realtimeSessions.expiresAt, now), lte(realtimeSessions.rotatedAt, idleSince)),
      ),
    )
    .returning({ id: realtimeSessions.id, userId: realtimeSessions.userId });
}

/** Revokes every live session that service authentication started; returns them, by user. */
export async function endServiceSessions(db: Database): Promise<Map<string, string[]>> {
  const ended = await db
    .update(realtimeSessions)
    .set({ endedAt: new Date() })
    .where(and(eq(realtimeSessions.flow, "service"), isNull(realtimeSessions.endedAt)))
    .returning({ id: realtimeSessions.id, userId: realtimeSessions.userId });
  const byUser = new Map<string, string[]>();
  for (const { id, userId } of ended) byUser.set(userId, [...(byUser.get(userId) ?? []), id]);
  return byUser;
}
