import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// npm run test:cluster: two soketi nodes on Redis and two app instances on one PostgreSQL
// database. Not part of npm test, because no Redis ships through npm: TEST_REDIS_URL names one.
export default defineConfig({
  ...base,
  testIgnore: undefined,
  testMatch: "**/cluster.spec.ts",
  globalSetup: "./tests/e2e/cluster-setup.ts",
  // The specs start their clusters themselves, one at a time: each is four servers.
  workers: 1,
});
