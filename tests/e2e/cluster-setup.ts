import net from "node:net";
import { startTestPostgres, testRedisUrl } from "../services";

/** npm run test:cluster: Redis must answer before anything starts; PostgreSQL as for npm test. */
export default async function clusterSetup() {
  const redisUrl = testRedisUrl();
  await reachable(new URL(redisUrl)).catch((error: Error) => {
    throw new Error(
      `Nothing answers at TEST_REDIS_URL=${redisUrl} (${error.message}): start Redis there, or point TEST_REDIS_URL at one.`,
    );
  });
  const postgres = await startTestPostgres();
  process.env.E2E_DATABASE_URL = postgres.url;
  return postgres.stop;
}

function reachable(url: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({
      host: url.hostname,
      port: Number(url.port || 6379),
      timeout: 5_000,
    });
    socket.once("connect", () => {
      socket.destroy();
      resolve();
    });
    socket.once("timeout", () => {
      socket.destroy();
      reject(new Error("timed out"));
    });
    socket.once("error", reject);
  });
}
