import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// npm run test:standalone: the standalone server (npm run build:standalone), deployed by following
// docs/deploy.md's single-server checklist, with PostgreSQL and an external soketi. Its own specs,
// and the end-to-end specs that need nothing but a deployment (among them: a production build has
// no /bench/floor).
export default defineConfig({
  ...base,
  testDir: "tests",
  testMatch: ["standalone/**/*.spec.ts", "e2e/health.spec.ts", "e2e/not-found.spec.ts"],
  globalSetup: "./tests/standalone/global-setup.ts",
  // One deployment, which the global setup hands to the one worker, for all the specs.
  workers: 1,
});
