// npm run cluster — two soketi nodes on the Redis adapter, PostgreSQL, and two app instances
// (run `npm run build` first). DATABASE_URL is required; REDIS_URL defaults to the local Redis.
// App 1's browsers connect to node A and app 2's to node B; events, presence and
// terminations cross between them through Redis. The demo accounts get a password of this
// run's own (printed). Ctrl-C stops everything.
import nextEnv from "@next/env";
import { describeDemoAccounts } from "../lib/credentials/registration/seed";
import { startCluster } from "../tests/e2e/support/cluster";

nextEnv.loadEnvConfig(process.cwd());
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
if (!databaseUrl?.startsWith("postgres")) {
  console.error("Set DATABASE_URL to a PostgreSQL database: the app instances must share it.");
  process.exit(1);
}

const cluster = await startCluster({ databaseUrl, redisUrl });
console.log(`App 1: ${cluster.apps[0]} (realtime node A, port ${cluster.nodes[0]})`);
console.log(`App 2: ${cluster.apps[1]} (realtime node B, port ${cluster.nodes[1]})`);
// The app instances run in production, which refuses the published demo password.
console.log(describeDemoAccounts(cluster.password));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void cluster.stop().then(() => process.exit(0)));
}
