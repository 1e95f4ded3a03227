import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { lockUser, makeRoom } from "@/lib/auth/devices";
import type { Database } from "@/lib/db/connect";
import {
  type AuthFlow,
  realtimeSessions,
  type WebSessionEndReason,
  webSessions,
} from "@/lib/db/schema";

// Realtime sessions let pusher-js sign in again after every reconnect without a ticket.

const TOKEN_PREFIX = "rts_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

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
    ttlHours: number;
    /** The web session that asked for the ticket, if any: the realtime session ends with it. */
    webSessionId?: string;
    userAgent?: string | null;
    clientAddress?: string | null;
    maxSessions?: number;
  },
): Promise<{ id: string; token: string; expiresAt: Date; displaced: string[] } | undefined> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + input.ttlHours * 3_600_000);
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
        tokenHash: hashToken(token),
        expiresAt,
      })
      .onConflictDoNothing({ target: realtimeSessions.ticketNonce })
      .returning({ id: realtimeSessions.id });
    if (!session) return undefined;
    const keep = new Set([session.id, ...(input.webSessionId ? [input.webSessionId] : [])]);
    const displaced = input.maxSessions
      ? await makeRoom(tx, input.userId, input.maxSessions, keep)
      : [];
    return { id: session.id, token, expiresAt, displaced };
  });
}

/**
 * The session behind a token, `live` unless it expired or was revoked, or the web session that
 * started it has ended: checked here too, so that an exchange racing a sign-out cannot outlive it.
 */
export async function findSession(
  db: Database,
  token: string,
): Promise<
  | {
      id: string;
      userId: string;
      flow: AuthFlow;
      live: boolean;
      endReason: WebSessionEndReason | null;
      createdAt: Date;
      expiresAt: Date;
    }
  | undefined
> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [session] = await db
    .select({
      id: realtimeSessions.id,
      userId: realtimeSessions.userId,
      flow: realtimeSessions.flow,
      createdAt: realtimeSessions.createdAt,
      expiresAt: realtimeSessions.expiresAt,
      endReason: realtimeSessions.endReason,
      live: sql<boolean>`${realtimeSessions.revokedAt} is null and ${realtimeSessions.expiresAt} > now()
        and (${webSessions.id} is null or (${webSessions.endedAt} is null and ${webSessions.expiresAt} > now()))`,
    })
    .from(realtimeSessions)
    .leftJoin(webSessions, eq(webSessions.id, realtimeSessions.webSessionId))
    .where(eq(realtimeSessions.tokenHash, hashToken(token)))
    .limit(1);
  return session;
}

/** Revokes every live session that service authentication started; returns them, by user. */
export async function endServiceSessions(db: Database): Promise<Map<string, string[]>> {
  const ended = await db
    .update(realtimeSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(realtimeSessions.flow, "service"), isNull(realtimeSessions.revokedAt)))
    .returning({ id: realtimeSessions.id, userId: realtimeSessions.userId });
  const byUser = new Map<string, string[]>();
  for (const { id, userId } of ended) byUser.set(userId, [...(byUser.get(userId) ?? []), id]);
  return byUser;
}
