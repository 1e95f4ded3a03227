import { and, eq, isNull } from "drizzle-orm";
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

/** The cookie's lifetime, and so the record's: Auth.js's default of 30 days, stated. */
export const WEB_SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

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
    maxAgeSeconds?: number;
    maxSessions?: number;
  },
): Promise<WebSession & { displaced: string[] }> {
  const maxAge = input.maxAgeSeconds ?? WEB_SESSION_MAX_AGE_SECONDS;
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
      .set({ revokedAt: now })
      .where(and(eq(realtimeSessions.webSessionId, sessionId), isNull(realtimeSessions.revokedAt)))
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
      .set({ revokedAt: now })
      .where(and(eq(realtimeSessions.userId, userId), isNull(realtimeSessions.revokedAt)));
  });
}
