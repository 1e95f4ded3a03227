import postgres from "postgres";
import { type Connection, connectDatabase } from "@/lib/db/connect";

export type TestDatabase = {
  name: string;
  open: () => Promise<Connection & { drop: () => Promise<void> }>;
};

/** Always the embedded PGlite; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [
    {
      name: "PGlite",
      open: async () => {
        const connection = connectDatabase({ dataDir: "memory://" });
        return { ...connection, drop: connection.close };
      },
    },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    databases.push({
      name: "PostgreSQL",
      // A database of its own per suite, dropped afterwards: nothing is left behind.
      open: async () => {
        const admin = postgres(url, { max: 1, onnotice: () => {} });
        const name = `rtauth_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
        await admin.unsafe(`create database "${name}"`);
        const target = new URL(url);
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
    });
  }
  return databases;
}
