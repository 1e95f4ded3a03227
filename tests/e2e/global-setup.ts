import { startTestPostgres } from "../services";
import { startStack } from "./support/stack";

/**
 * One stack for the whole run, and the PostgreSQL server of the tests that need one; their
 * addresses reach the workers through the environment. The specs sign the demo accounts in
 * dozens of times each, so the stack lifts the session limit far above that; devices.spec.ts
 * tests the default limit's behaviour on a stack of its own. The specs also create far more
 * users than the site's hourly sign-up cap allows; lockout.spec.ts tests a low cap on its own.
 * Its pages hand the specs their realtime client (REALTIME_TEST_SEAM, support/test-seam.ts).
 */
export default async function globalSetup() {
  const postgres = await startTestPostgres();
  process.env.E2E_DATABASE_URL = postgres.url;
  const stack = await startStack({
    env: {
      MAX_SESSIONS_PER_USER: "1000",
      SIGN_UP_MAX_PER_HOUR: "100000",
      SIGN_UPS_PER_ADDRESS_PER_HOUR: "100000",
      REALTIME_TEST_SEAM: "1",
    },
  }).catch(async (error) => {
    await postgres.stop();
    throw error;
  });
  process.env.E2E_BASE_URL = stack.baseURL;
  process.env.E2E_DATA_DIR = stack.dataDir;
  process.env.E2E_SOKETI_PORT = String(stack.soketiPort);
  return async () => {
    await stack.stop();
    await postgres.stop();
  };
}
