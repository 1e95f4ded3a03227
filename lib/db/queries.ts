import { and, eq, isNull, lte, ne, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import { type User, users } from "@/lib/db/schema";
import type { Role } from "@/lib/vocabulary/roles";

/** Updates one user's row; `when` is a further condition (only if no newer value was kept). */
function updateUser(
  db: Pick<Database, "update">,
  userId: string,
  values: Partial<typeof users.$inferInsert>,
  when?: SQL,
) {
  return db
    .update(users)
    .set(values)
    .where(and(eq(users.id, userId), when));
}

/** Everyone but `userId` who is not banned. */
const othersNotBanned = (userId: string) => and(ne(users.id, userId), isNull(users.bannedAt));

export async function findUserById(db: Database, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/** Inserts a user; `undefined` when the username is taken. */
export async function createUser(
  db: Database,
  input: { username: string; name?: string; passwordHash: string; role?: Role },
): Promise<User | undefined> {
  const [user] = await db
    .insert(users)
    .values({
      username: input.username,
      name: input.name || input.username,
      passwordHash: input.passwordHash,
      role: input.role ?? "user",
    })
    .onConflictDoNothing({ target: users.username })
    .returning();
  return user;
}

/** The users whose online status a user may follow: Pusher allows 100 at most. */
export async function watchlistFor(db: Database, userId: string): Promise<string[]> {
  const others = await db
    .select({ id: users.id })
    .from(users)
    .where(othersNotBanned(userId))
    .orderBy(sql`${users.lastSeenAt} desc nulls last`)
    .limit(100);
  return others.map((other) => other.id);
}

export async function setBanned(
  db: Pick<Database, "update">,
  userId: string,
  banned: boolean,
): Promise<void> {
  await updateUser(db, userId, { bannedAt: banned ? new Date() : null });
}

export async function setPasswordHash(
  db: Pick<Database, "update">,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await updateUser(db, userId, { passwordHash });
}

export async function setRole(db: Database, userId: string, role: Role): Promise<void> {
  await updateUser(db, userId, { role });
}

/** Applies an online change from a webhook unless a newer one was applied already. */
export async function recordPresence(
  db: Pick<Database, "update">,
  userId: string,
  online: boolean,
  at: Date,
): Promise<void> {
  await updateUser(
    db,
    userId,
    { online, lastSeenAt: at, presenceChangedAt: at },
    or(isNull(users.presenceChangedAt), lte(users.presenceChangedAt, at)),
  );
}

export async function listUsers(db: Database) {
  return db
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      role: users.role,
      online: users.online,
      lastSeenAt: users.lastSeenAt,
      bannedAt: users.bannedAt,
    })
    .from(users)
    .orderBy(users.username);
}

export async function touchLastSeen(
  db: Pick<Database, "update">,
  userId: string,
  at: Date,
): Promise<void> {
  await updateUser(
    db,
    userId,
    { lastSeenAt: at },
    or(isNull(users.lastSeenAt), lte(users.lastSeenAt, at)),
  );
}

/** Who `userId` may send to: everyone else who is not banned, with only what a browser needs. */
export async function listRecipients(db: Database, userId: string) {
  return db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(othersNotBanned(userId))
    .orderBy(users.username);
}
