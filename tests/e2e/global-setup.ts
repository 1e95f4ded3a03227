import { startStack } from "./support/stack";

/** One stack for the whole run; its address reaches the workers through the environment. */
export default async function globalSetup() {
  const stack = await startStack();
  process.env.E2E_BASE_URL = stack.baseURL;
  process.env.E2E_DATA_DIR = stack.dataDir;
  process.env.E2E_SOKETI_PORT = String(stack.soketiPort);
  return stack.stop;
}
