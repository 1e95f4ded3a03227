import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "@/lib/db/schema";
import { postgresUrl } from "@/lib/env-schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Connection = {
  db: Database;
  driver: "pglite" | "postgres";
  /** Applies the committed migrations; safe to call on every start and from several instances. */
  migrate: () => Promise<void>;
  /** Calls `onPayload` for every NOTIFY on `channel`, from any process on this database. */
  listen: (channel: string, onPayload: (payload: string) => void) => Promise<void>;
  close: () => Promise<void>;
};

const migrationsFolder = path.join(process.cwd(), "lib/db/migrations");

// Any constant works; it only has to be the same for every instance of this app.
const MIGRATION_LOCK_ID = 7_411_902_311;

/**
 * PostgreSQL when a postgres:// URL is given, otherwise (no URL, or `pglite`) the embedded PGlite
 * in `dataDir` (`memory://` keeps it in memory). PGlite allows one process per data directory.
 */
export function connectDatabase(options: { url?: string; dataDir: string }): Connection {
  const url = postgresUrl(options.url);
  if (url) {
    const sql = postgres(url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres({ client: sql, schema });
    return {
      db,
      driver: "postgres",
      async migrate() {
        // An advisory lock keeps two instances that start together from migrating at once.
        const lock = await sql.reserve();
        try {
          await lock`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
          await migratePostgres(db, { migrationsFolder });
        } finally {
          await lock`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
          lock.release();
        }
      },
      listen: async (channel, onPayload) => {
        await sql.listen(channel, onPayload);
      },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const inMemory = options.dataDir === "memory://";
  if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(inMemory ? undefined : path.join(options.dataDir, "pglite"));
  const db = drizzlePglite({ client, schema });
  return {
    db,
    driver: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    listen: async (channel, onPayload) => {
      await client.listen(channel, onPayload);
    },
    close: () => client.close(),
  };
}
