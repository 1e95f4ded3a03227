import { and, inArray, isNull } from "drizzle-orm";
import { hashPassword, verifyPassword } from "@/lib/credentials/password/hash";
import type { Database } from "@/lib/db/connect";
import { createUser } from "@/lib/db/queries";
import { users } from "@/lib/db/schema";
import type { Role } from "@/lib/vocabulary/roles";

export const DEMO_PASSWORD = "correct-horse-battery-staple";

export const DEMO_ACCOUNTS: { username: string; name: string; role: Role }[] = [
  { username: "alice", name: "Alice", role: "admin" },
  { username: "bob", name: "Bob", role: "user" },
  { username: "carol", name: "Carol", role: "user" },
];

/** Creates the demo accounts that are missing; existing ones are left as they are. */
export async function seedDemoAccounts(db: Database): Promise<string[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await createUser(db, { ...account, passwordHash })) created.push(account.username);
  }
  return created;
}

/** The demo accounts anyone can sign in to: not banned, and still on the published password. */
export async function demoAccountsOnDemoPassword(db: Database): Promise<string[]> {
  const found = await db
    .select({ username: users.username, passwordHash: users.passwordHash })
    .from(users)
    .where(
      and(
        inArray(
          users.username,
          DEMO_ACCOUNTS.map((account) => account.username),
        ),
        isNull(users.bannedAt),
      ),
    );
  const verdicts = await Promise.all(
    found.map(async ({ username, passwordHash }) =>
      passwordHash && (await verifyPassword(passwordHash, DEMO_PASSWORD)) ? [username] : [],
    ),
  );
  return verdicts.flat().sort();
}

export function describeDemoAccounts(password = DEMO_PASSWORD): string {
  const rows = DEMO_ACCOUNTS.map(
    (a) => `  ${a.username.padEnd(6)} ${a.role.padEnd(5)} ${password}`,
  );
  return ["Demo accounts (username, role, password):", ...rows].join("\n");
}
