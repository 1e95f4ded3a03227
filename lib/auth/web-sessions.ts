import { and, eq, isNull, lt, lte } from "drizzle-orm";
import { lockUser, makeRoom } from "@/lib/auth/devices";
import type { Database } from "@/lib/db/connect";
import {
  realtimeSessions,
  type SignInMethod,
  users,
  type WebSession,
  type WebSessionEndReason,
  webSessions,
} from "@/lib/db/schema";

// Web sessions: one record per sign-in to the site, so that a JWT cookie can be ended before it
// expires. Ending one also ends the realtime sessions that its tickets started.

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
    maxSessions?: number;
  },
): Promise<WebSession & { displaced: string[] }> {
  const maxAge = input.maxAgeSeconds;
  return db.transaction(async (tx) => {
    if (input.maxSessions) await lockUser(tx, input.userId);
    const [session] = await tx
      .insert(webSessions)
      .values({
        userId: input.userId,
        method: input.method,
        // Bounded: both come from the client.
        userAgent: input.userAgent?.slice(0, 512) ?? null,
        clientAddress: input.clientAddress?.slice(0, 64) ?? null,
        expiresAt: new Date(Date.now() + maxAge * 1000),
      })
      .returning();
    if (!session) throw new Error("The web session was not stored.");
    const displaced = input.maxSessions
      ? await makeRoom(tx, input.userId, input.maxSessions, new Set([session.id]))
      : [];
    return { ...session, displaced };
  });
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
        isNull(webSessions.endedAt),
        lt(webSessions.expiresAt, expiresAt),
      ),
    )
    .returning({ id: webSessions.id });
  return extended.length > 0 ? expiresAt : undefined;
}

/**
 * Ends every web session past its expiry, and the realtime sessions its tickets started, once
 * across instances. Returns them by user, for the sockets that are to be closed.
 */
export async function expireWebSessions(
  db: Database,
  now = new Date(),
): Promise<{ id: string; userId: string }[]> {
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(webSessions)
      .set({ endedAt: now, endReason: "session_expired" })
      .where(and(isNull(webSessions.endedAt), lte(webSessions.expiresAt, now)))
      .returning({ id: webSessions.id, userId: webSessions.userId });
    const children = [];
    for (const { id } of ended) {
      children.push(
        ...(await tx
          .update(realtimeSessions)
          .set({ endedAt: now, endReason: "session_expired" })
          .where(and(eq(realtimeSessions.webSessionId, id), isNull(realtimeSessions.endedAt)))
          .returning({ id: realtimeSessions.id, userId: realtimeSessions.userId })),
      );
    }
    return [...ended, ...children];
  });
}

/** Why a web session that is not live ended: its own reason, or "session_expired". */
export function endReasonOf(
  session: Pick<WebSession, "endedAt" | "endReason">,
): WebSessionEndReason | undefined {
  return session.endedAt ? (session.endReason ?? undefined) : "session_expired";
}

/** Live unless it ended or expired. */
export function isLive(session: Pick<WebSession, "endedAt" | "expiresAt">, now = new Date()) {
  return !session.endedAt && session.expiresAt > now;
}

/**
 * Ends one web session and the realtime sessions its tickets started; returns the ids of every
 * session that ended, for the tabs that must be told.
 */
export async function endWebSession(
  db: Database,
  sessionId: string,
  reason: WebSessionEndReason,
): Promise<string[]> {
  const now = new Date();
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(webSessions)
      .set({ endedAt: now, endReason: reason })
      .where(and(eq(webSessions.id, sessionId), isNull(webSessions.endedAt)))
      .returning({ id: webSessions.id });
    const children = await tx
      .update(realtimeSessions)
      .set({ endedAt: now })
      .where(and(eq(realtimeSessions.webSessionId, sessionId), isNull(realtimeSessions.endedAt)))
      .returning({ id: realtimeSessions.id });
    return [...ended, ...children].map((session) => session.id);
  });
}

/**
 * Ends every session of a user, web and realtime, and refuses every ticket issued so far:
 * "sign out everywhere" and a ban.
 */
export async function endUserSessions(
  db: Database,
  userId: string,
  reason: Exclude<WebSessionEndReason, "signed_out">,
): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ realtimeRevokedAt: now }).where(eq(users.id, userId));
    await tx
      .update(webSessions)
      .set({ endedAt: now, endReason: reason })
      .where(and(eq(webSessions.userId, userId), isNull(webSessions.endedAt)));
    await tx
      .update(realtimeSessions)
      .set({ endedAt: now })
      .where(and(eq(realtimeSessions.userId, userId), isNull(realtimeSessions.endedAt)));
  });
}
