import type { FullConfig } from "@playwright/test";
import { startTestPostgres } from "../services";
import { METRICS_TOKEN } from "./support/metrics";
import { startStack } from "./support/stack";
import { exportStacks } from "./support/worker-stack";

/**
 * One stack per worker (see support/worker-stack.ts), and the PostgreSQL server of the tests
 * that need one, on which each creates a database of its own; their addresses reach the workers
 * through the environment. The specs sign the demo accounts in dozens of times each, so the
 * stacks lift the session limit far above that; devices.spec.ts tests the default limit's
 * behaviour on a stack of its own. The specs also create far more users than the site's hourly
 * sign-up cap allows; lockout.spec.ts tests a low cap on its own.
 * Their pages hand the specs their realtime client (REALTIME_TEST_SEAM, support/test-seam.ts), and
 * they serve their metrics (METRICS_TOKEN, support/metrics.ts).
 */
export default async function globalSetup(config: FullConfig) {
  const postgres = await startTestPostgres();
  process.env.E2E_DATABASE_URL = postgres.url;
  const starting = Array.from({ length: config.workers }, () =>
    startStack({
      env: {
        MAX_SESSIONS_PER_USER: "1000",
        SIGN_UP_MAX_PER_HOUR: "100000",
        SIGN_UPS_PER_ADDRESS_PER_HOUR: "100000",
        REALTIME_TEST_SEAM: "1",
        METRICS_TOKEN,
      },
    }),
  );
  const started = await Promise.allSettled(starting);
  const stacks = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const stopAll = async () => {
    await Promise.all(stacks.map((stack) => stack.stop()));
    await postgres.stop();
  };
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  exportStacks(
    stacks.map(({ baseURL, dataDir, soketiPort }) => ({ baseURL, dataDir, soketiPort })),
  );
  return stopAll;
}
