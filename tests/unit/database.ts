import postgres from "postgres";
import { inject } from "vitest";
import { seedDemoAccounts } from "@/lib/credentials/registration/seed";
import { type Connection, connectDatabase } from "@/lib/db/connect";
import { findSession, sessionState } from "@/lib/sessions/realtime";
import { readSessionToken } from "@/lib/sessions/session-tokens";

export type TestDatabase = {
  name: string;
  open: () => Promise<Connection & { drop: () => Promise<void> }>;
};

/** Every suite runs on both: the embedded PGlite and a PostgreSQL server (see global-setup.ts). */
export function testDatabases(): TestDatabase[] {
  return [
    {
      name: "PGlite",
      open: async () => {
        const connection = connectDatabase({ dataDir: "memory://" });
        return { ...connection, drop: connection.close };
      },
    },
    {
      name: "PostgreSQL",
      // A database of its own per suite, dropped afterwards: nothing is left behind.
      open: async () => {
        const testDatabaseUrl = inject("testDatabaseUrl");
        const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
        const name = `rtauth_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
        await admin.unsafe(`create database "${name}"`);
        const target = new URL(testDatabaseUrl);
        target.pathname = `/${name}`;
        const connection = connectDatabase({ url: target.toString(), dataDir: "unused" });
        return {
          ...connection,
          drop: async () => {
            await connection.close();
            await admin.unsafe(`drop database "${name}" with (force)`);
            await admin.end();
          },
        };
      },
    },
  ];
}

/** A migrated database with the demo accounts, and their ids by username. */
export async function openSeeded(database: TestDatabase) {
  const connection = await database.open();
  await connection.migrate();
  await seedDemoAccounts(connection.db);
  const users = await connection.db.query.users.findMany({
    columns: { id: true, username: true },
  });
  const idOf = (username: string) => users.find((user) => user.username === username)?.id ?? "";
  return { connection, idOf };
}

/** The app secret the unit tests sign realtime session tokens with. */
export const TEST_SECRET = "unit-test-app-secret";

/** The session behind a token as the realtime gate sees it: its row, and whether it is live. */
export async function sessionByToken(db: Connection["db"], token: string) {
  const claim = readSessionToken(TEST_SECRET, token);
  const session = claim && (await findSession(db, claim.id));
  return session && { ...session, live: sessionState(session, { idleSeconds: 3_600 }).live };
}
