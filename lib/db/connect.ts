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

// postgres.js waits before each reconnection, longer after every failed attempt in the pool, up to
// 20 s: after an outage of a few seconds with traffic, the app stayed down 5 to 15 s longer than
// the database (measured). The same jittered growth, capped at 2 s, keeps a reconnecting pool from
// hammering the server and comes back within about a second.
const RECONNECT_CAP_SECONDS = 2;

/** Seconds to wait before the pool's next connection attempt, after `attempt` failed ones. */
export function reconnectDelaySeconds(attempt: number, random = Math.random()): number {
  return (0.5 + random / 2) * Math.min(3 ** attempt / 100, RECONNECT_CAP_SECONDS);
}

// A database that does not answer at all (a dropped route, not a refusal) fails a request after
// this long, as a 503, instead of holding it for postgres.js's default 30 s.
const CONNECT_TIMEOUT_SECONDS = 10;

/**
 * PostgreSQL when a postgres:// URL is given, otherwise (no URL, or `pglite`) the embedded PGlite
 * in `dataDir` (`memory://` keeps it in memory). PGlite allows one process per data directory.
 */
export function connectDatabase(options: { url?: string; dataDir: string }): Connection {
  const url = postgresUrl(options.url);
  if (url) {
    const sql = postgres(url, {
      max: 10,
      backoff: (attempt) => reconnectDelaySeconds(attempt),
      connect_timeout: CONNECT_TIMEOUT_SECONDS,
      onnotice: () => {},
    });
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
