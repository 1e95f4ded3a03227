import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/credentials/password/hash";
import { registerUser } from "@/lib/credentials/registration/register";
import { signUpSchema } from "@/lib/credentials/validation";
import type { Database } from "@/lib/db/connect";
import { type User, users } from "@/lib/db/schema";
import { endSessions } from "@/lib/sessions/end";

// What `npm run user:create` does, for an operator: the first admin of a deployment, or a new
// password for an account whose password must change (such as a demo account's).

export type ProvisionInput = {
  username: string;
  name?: string;
  password: string;
  /** Makes the user an admin; without it a new user is a plain user and an existing one keeps their role. */
  admin: boolean;
};

export type ProvisionResult =
  | { ok: true; user: User; created: boolean }
  | { ok: false; errors: string[] };

/**
 * Creates the user, validated as sign-up validates. An existing user gets this password, and
 * every session they have ends, since it may have been started with the old one.
 */
export async function provisionUser(db: Database, input: ProvisionInput): Promise<ProvisionResult> {
  const parsed = signUpSchema.safeParse({
    username: input.username,
    name: input.name,
    password: input.password,
  });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
  const { username, name, password } = parsed.data;
  const role = input.admin ? "admin" : undefined;

  const registered = await registerUser(db, { username, name, password, role });
  if (registered.ok) return { ok: true, user: registered.user, created: true };
  const passwordHash = await hashPassword(password);

  // The new password and the end of every session the old one started hold together.
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, ...(role && { role }), ...(name && { name }) })
      .where(eq(users.username, username))
      .returning();
    if (row) await endSessions(tx, { userId: row.id, all: true }, "password_reset");
    return row;
  });
  if (!updated) return { ok: false, errors: [`${username} was deleted meanwhile; try again.`] };
  return { ok: true, user: updated, created: false };
}
