import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import { type AuthFlow, realtimeSessions, webSessions } from "@/lib/db/schema";

// Realtime sessions let pusher-js sign in again after every reconnect without a ticket.

const TOKEN_PREFIX = "rts_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Starts a session for an exchanged ticket; undefined when that ticket was exchanged before. */
export async function startRealtimeSession(
  db: Database,
  input: {
    userId: string;
    ticketNonce: string;
    flow: AuthFlow;
    ttlHours: number;
    /** The web session that asked for the ticket, if any: the realtime session ends with it. */
    webSessionId?: string;
  },
): Promise<{ id: string; token: string; expiresAt: Date } | undefined> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + input.ttlHours * 3_600_000);
  const [session] = await db
    .insert(realtimeSessions)
    .values({
      userId: input.userId,
      ticketNonce: input.ticketNonce,
      flow: input.flow,
      webSessionId: input.webSessionId,
      tokenHash: hashToken(token),
      expiresAt,
    })
    .onConflictDoNothing({ target: realtimeSessions.ticketNonce })
    .returning({ id: realtimeSessions.id });
  return session ? { id: session.id, token, expiresAt } : undefined;
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
