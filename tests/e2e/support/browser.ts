import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUM = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

/** Playwright's own Chromium when installed, else the system's; undefined means Playwright's. */
export function chromiumExecutable(): string | undefined {
  if (existsSync(chromium.executablePath())) return undefined;
  const system = SYSTEM_CHROMIUM.find((candidate) => existsSync(candidate));
  if (system) return system;
  throw new Error(
    [
      "No Chromium found for the end-to-end tests. Install one of:",
      "  npm run test:setup          (Debian's chromium as root, else Playwright's download)",
      "  sudo apt-get install chromium",
      "  npx playwright install chromium",
    ].join("\n"),
  );
}

/** How the tests, the benchmark and the screenshots launch Chromium on these machines. */
export function chromiumLaunchOptions() {
  return {
    executablePath: chromiumExecutable(),
    // Root has no sandbox here; the rest keeps Chromium off a closed network.
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  };
}
