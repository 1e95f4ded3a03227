import { type EmbeddedPostgres, startEmbeddedPostgres } from "./support/embedded-postgres";

// The servers that the database, outage and cluster suites run against. None is assumed to be
// on this machine: a laptop may have no PostgreSQL, or one that is not for tests.

/**
 * The PostgreSQL server at TEST_DATABASE_URL if it is set (each suite creates and drops a
 * database of its own there), else a real PostgreSQL embedded for this run.
 */
export async function startTestPostgres(): Promise<EmbeddedPostgres> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return { url, stop: async () => {} };
  return startEmbeddedPostgres();
}

/** The Redis server of the cluster suite. No Redis ships through npm, so it must be given. */
export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) {
    throw new Error(
      "The cluster suite needs a Redis server: set TEST_REDIS_URL, e.g. " +
        "TEST_REDIS_URL=redis://127.0.0.1:6379 npm run test:cluster",
    );
  }
  return url;
}
