import "server-only";
import { type Connection, connectDatabase, type Database } from "@/lib/db/connect";
import { env } from "@/lib/env";

export type { Database } from "@/lib/db/connect";

// One connection per server process. Next.js may evaluate this module once per bundle layer,
// and PGlite must never be opened twice, so the connection lives on globalThis.
const globalForDb = globalThis as unknown as { connection?: Connection; ready?: Promise<void> };

function connection(): Connection {
  globalForDb.connection ??= connectDatabase({ url: env().DATABASE_URL, dataDir: env().DATA_DIR });
  return globalForDb.connection;
}

/** Opened on first use, so that `next build` never touches the database. */
export function db(): Database {
  return connection().db;
}

export function listen(channel: string, onPayload: (payload: string) => void): Promise<void> {
  return connection().listen(channel, onPayload);
}

export function migrateOnce(): Promise<void> {
  globalForDb.ready ??= connection().migrate();
  return globalForDb.ready;
}
