import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import { type Role, type User, users } from "@/lib/db/schema";

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
