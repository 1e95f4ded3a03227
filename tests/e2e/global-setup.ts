import { startTestPostgres } from "../services";
import { startStack } from "./support/stack";

/**
 * One stack for the whole run, and the PostgreSQL server of the tests that need one; their
 * addresses reach the workers through the environment.
 */
export default async function globalSetup() {
  const postgres = await startTestPostgres();
  process.env.E2E_DATABASE_URL = postgres.url;
  const stack = await startStack().catch(async (error) => {
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
