import postgres from "postgres";

/**
 * A database of its own on the run's PostgreSQL server (which the global setup started or took
 * from TEST_DATABASE_URL), dropped by `drop`.
 */
export async function createTestDatabase() {
  const serverUrl = process.env.E2E_DATABASE_URL;
  if (!serverUrl) {
    throw new Error("E2E_DATABASE_URL is set by the global setup: run through Playwright.");
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `rtauth_e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url,
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
