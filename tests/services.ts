// The PostgreSQL and Redis servers that the PostgreSQL, outage and cluster suites run against:
// this machine's own, unless TEST_DATABASE_URL or TEST_REDIS_URL point elsewhere.
export const testDatabaseUrl =
  process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
export const testRedisUrl = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
