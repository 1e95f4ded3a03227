import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import { realtimeSessions, users } from "@/lib/db/schema";

// Realtime sessions let pusher-js sign in again after every reconnect without a ticket.

const TOKEN_PREFIX = "rts_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Starts a session for an exchanged ticket; undefined when that ticket was exchanged before. */
export async function startRealtimeSession(
  db: Database,
  input: { userId: string; ticketNonce: string; ttlHours: number },
): Promise<{ token: string; expiresAt: Date } | undefined> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + input.ttlHours * 3_600_000);
  const [session] = await db
    .insert(realtimeSessions)
    .values({
      userId: input.userId,
      ticketNonce: input.ticketNonce,
      tokenHash: hashToken(token),
      expiresAt,
    })
    .onConflictDoNothing({ target: realtimeSessions.ticketNonce })
    .returning({ id: realtimeSessions.id });
  return session ? { token, expiresAt } : undefined;
}

/** The user id behind a session token that is neither expired nor revoked. */
export async function activeSessionUserId(
  db: Database,
  token: string,
): Promise<string | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [session] = await db
    .select({ userId: realtimeSessions.userId })
    .from(realtimeSessions)
    .where(
      and(
        eq(realtimeSessions.tokenHash, hashToken(token)),
        isNull(realtimeSessions.revokedAt),
        gt(realtimeSessions.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return session?.userId;
}

/** Ends every realtime session of a user and refuses the tickets issued so far. */
export async function revokeRealtimeAccess(db: Database, userId: string): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ realtimeRevokedAt: now }).where(eq(users.id, userId));
    await tx
      .update(realtimeSessions)
      .set({ revokedAt: now })
      .where(and(eq(realtimeSessions.userId, userId), isNull(realtimeSessions.revokedAt)));
  });
}
