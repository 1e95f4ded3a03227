import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// npm run test:standalone: the standalone server (npm run build:standalone), deployed as the
// README's "Deploy" says, with PostgreSQL and an external soketi. Its own specs, and the
// end-to-end specs that need nothing but a deployment.
export default defineConfig({
  ...base,
  testDir: "tests",
  testMatch: ["standalone/**/*.spec.ts", "e2e/health.spec.ts"],
  globalSetup: "./tests/standalone/global-setup.ts",
  // One deployment, which the global setup hands to the one worker, for all the specs.
  workers: 1,
});
