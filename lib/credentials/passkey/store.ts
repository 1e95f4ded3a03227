import { and, asc, eq, sql } from "drizzle-orm";
import type { NewCredential } from "@/lib/credentials/passkey/verify";
import type { Database } from "@/lib/db/connect";
import { type Passkey, passkeys } from "@/lib/db/schema";

// The passkeys table's few statements. Every verification reads its passkey here, from the
// database, never from a cache: a removed passkey is refused at once by every instance.

export function findPasskey(db: Database, id: string): Promise<Passkey | undefined> {
  return db
    .select()
    .from(passkeys)
    .where(eq(passkeys.id, id))
    .limit(1)
    .then((rows) => rows[0]);
}

/** A user's passkeys, oldest first: the order they were added in. */
export function listPasskeys(db: Database, userId: string): Promise<Passkey[]> {
  return db
    .select()
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

/** Whether `userId` has a passkey: "Confirm it's you" offers "Use a passkey" then. */
export async function hasPasskey(db: Database, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .limit(1);
  return row !== undefined;
}

/** Stores a new passkey; false when that credential is registered already (to anyone). */
export async function addPasskey(
  db: Database,
  userId: string,
  credential: NewCredential,
  name: string,
): Promise<boolean> {
  const added = await db
    .insert(passkeys)
    .values({ ...credential, userId, name })
    .onConflictDoNothing()
    .returning({ id: passkeys.id });
  return added.length === 1;
}

/**
 * Records a use whose counter is `next`, in one statement that re-checks the counter, so that
 * two answers racing with the same counter cannot both pass. False when it went backwards.
 */
export async function recordPasskeyUse(
  db: Database,
  id: string,
  next: number,
  now = new Date(),
): Promise<boolean> {
  const moved = await db
    .update(passkeys)
    .set({ counter: next, lastUsedAt: now })
    .where(
      and(
        eq(passkeys.id, id),
        // A counter is a uint32: in bigint, as its column is (an int4 parameter fails past 2^31).
        next === 0 ? eq(passkeys.counter, 0) : sql`${passkeys.counter} < ${String(next)}::bigint`,
      ),
    )
    .returning({ id: passkeys.id });
  return moved.length === 1;
}

/** Renames one of `userId`'s passkeys; false when they have none with that id. */
export async function renamePasskey(
  db: Database,
  userId: string,
  id: string,
  name: string,
): Promise<boolean> {
  const renamed = await db
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning({ id: passkeys.id });
  return renamed.length === 1;
}

/** Removes one of `userId`'s passkeys; false when they have none with that id. */
export async function removePasskey(db: Database, userId: string, id: string): Promise<boolean> {
  const removed = await db
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning({ id: passkeys.id });
  return removed.length === 1;
}
