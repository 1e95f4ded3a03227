import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import { groupCommit } from "@/lib/db/group-commit";
import { realtimeSessions, webSessions } from "@/lib/db/schema";
import { countSessionStarted } from "@/lib/observability/metrics";
import { recordedClient } from "@/lib/sessions/client";
import { type SessionLimit, startWithinLimit } from "@/lib/sessions/limit";
import {
  type Liveness,
  liveRealtimeSession,
  type RealtimeSessionRow,
  realtimeLiveness,
} from "@/lib/sessions/liveness";
import { sessionToken } from "@/lib/sessions/session-tokens";
import type { SessionEndReason } from "@/lib/vocabulary/end-reason";
import type { AuthFlow } from "@/lib/vocabulary/session-kinds";

// Realtime sessions let pusher-js sign in again after every reconnect without a ticket. Their
// token rotates on each sign-in (lib/credentials/caller.ts); none is stored.

/**
 * Starts a session for an exchanged ticket; undefined when that ticket was exchanged before.
 * With `limit`, the least recently used sessions of the user past the limit end, counted
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
    limit?: SessionLimit;
  },
): Promise<{ id: string; token: string; expiresAt: Date; displaced: string[] } | undefined> {
  const expiresAt = new Date(Date.now() + input.maxAgeSeconds * 1000);
  // The web session it came from is kept too: ending it would end this one.
  const keep = input.webSessionId ? [input.webSessionId] : [];
  const started = await startWithinLimit(
    db,
    input.userId,
    input.limit,
    async (tx) => {
      const [session] = await tx
        .insert(realtimeSessions)
        .values({
          userId: input.userId,
          ticketNonce: input.ticketNonce,
          flow: input.flow,
          webSessionId: input.webSessionId,
          ...recordedClient(input),
          expiresAt,
        })
        .onConflictDoNothing({ target: realtimeSessions.ticketNonce })
        .returning({ id: realtimeSessions.id });
      return session;
    },
    keep,
  );
  if (!started) return undefined;
  countSessionStarted({ kind: "realtime", method: input.flow });
  const { id } = started.session;
  return { id, token: sessionToken(input.secret, id, 0), expiresAt, displaced: started.displaced };
}

export type RealtimeSession = RealtimeSessionRow & {
  id: string;
  userId: string;
  flow: AuthFlow;
  generation: number;
  graceUsed: boolean;
  createdAt: Date;
};

/** What the gate reads of a session, but its web session. */
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

/** The web session's end, as a row of three nullable columns, folded back into `parent`. */
function withParent<T extends { parentId: string | null; parentEndedAt: Date | null }>(
  row: T & {
    parentEndReason: SessionEndReason | null;
    parentExpiresAt: Date | null;
  },
) {
  const { parentId, parentEndedAt, parentEndReason, parentExpiresAt, ...session } = row;
  const parent =
    parentId && parentExpiresAt
      ? { endedAt: parentEndedAt, endReason: parentEndReason, expiresAt: parentExpiresAt }
      : null;
  return { ...session, parent };
}

/** A session by id, with the web session it came from. */
export async function findSession(db: Database, id: string): Promise<RealtimeSession | undefined> {
  const [row] = await db
    .select({
      ...columns,
      parentId: webSessions.id,
      parentEndedAt: webSessions.endedAt,
      parentEndReason: webSessions.endReason,
      parentExpiresAt: webSessions.expiresAt,
    })
    .from(realtimeSessions)
    .leftJoin(webSessions, eq(webSessions.id, realtimeSessions.webSessionId))
    .where(eq(realtimeSessions.id, id))
    .limit(1);
  return row && withParent(row);
}

/** Live, or why not (lib/sessions/liveness.ts). */
export function sessionState(
  session: RealtimeSession,
  limits: { idleSeconds: number; now?: Date },
): Liveness {
  return realtimeLiveness(session, limits);
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
        // A rotation never revives a session that is not live, nor one whose web session ended.
        liveRealtimeSession({ idleSeconds, now }),
      ),
    )
    .returning(columns);
  const rotated = new Map(rows.map((row) => [row.id, row]));
  return rotations.map(({ id, generation }) => {
    const row = rotated.get(id);
    if (row?.generation !== generation + 1) return undefined;
    rotated.delete(id); // Only the first to ask gets it.
    // Live by the update's condition, its web session included: nothing to say of the latter.
    return { ...row, parent: null };
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
