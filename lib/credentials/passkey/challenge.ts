import { randomBytes } from "node:crypto";
import { eq, lt } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import { type PasskeyPurpose, passkeyChallenges } from "@/lib/db/schema";

// A passkey ceremony's challenge, in the database so that any instance can answer it: given to
// one browser (its id goes in that browser's cookie), for one purpose (and one user, where one
// is signed in), for 5 minutes, and deleted as it is answered, so that it is used once.

export const CHALLENGE_TTL_SECONDS = 5 * 60;

export type IssuedChallenge = { purpose: PasskeyPurpose; userId: string | null };

/** Stores `challenge`; the id to put in the browser's cookie. Expired ones are swept first. */
export async function issueChallenge(
  db: Pick<Database, "insert" | "delete">,
  challenge: string,
  issued: IssuedChallenge,
  now = new Date(),
): Promise<string> {
  await db.delete(passkeyChallenges).where(lt(passkeyChallenges.expiresAt, now));
  const id = randomBytes(32).toString("base64url");
  await db.insert(passkeyChallenges).values({
    id,
    challenge,
    ...issued,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_SECONDS * 1000),
  });
  return id;
}

/**
 * The challenge with `id`, deleted in the same statement (two answers racing get it once), if it
 * was given for `purpose` (and to `userId`) and has not expired.
 */
export async function consumeChallenge(
  db: Pick<Database, "delete">,
  id: string | undefined,
  expected: IssuedChallenge,
  now = new Date(),
): Promise<string | undefined> {
  if (!id || id.length > 64) return undefined;
  const [row] = await db.delete(passkeyChallenges).where(eq(passkeyChallenges.id, id)).returning();
  if (!row || row.purpose !== expected.purpose || row.userId !== expected.userId) return undefined;
  return row.expiresAt > now ? row.challenge : undefined;
}
