import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/e2e/support/browser";
import { findWorkerStack } from "./tests/e2e/support/worker-stack";

// Each worker runs on a stack of its own (tests/e2e/global-setup.ts), so more workers means more
// servers too: two suit a 2-core machine. E2E_WORKERS (or --workers) sets another number.
const workers = Number(process.env.E2E_WORKERS) || 2;

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: chromiumLaunchOptions(),
};

export default defineConfig({
  testDir: "tests/e2e",
  // Needs Redis: npm run test:cluster (playwright.cluster.config.ts).
  testIgnore: "**/cluster.spec.ts",
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: false,
  workers,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    // This file is evaluated again in each worker, which then finds its stack.
    baseURL: findWorkerStack()?.baseURL,
    trace: "retain-on-failure",
  },
  projects: [
    // The README's time bounds, one at a time, so that no other test of this project competes
    // for the CPU while one measures. First, so that the other worker is never left idle at
    // the end waiting for them.
    { name: "latency", grep: /@latency/, workers: 1, use: chromium },
    // What the app does; how fast it does it is the latency project's question.
    { name: "chromium", grepInvert: /@latency/, use: chromium },
  ],
});
