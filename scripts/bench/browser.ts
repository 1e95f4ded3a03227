import type { BrowserContext, Page } from "@playwright/test";
import { SIGNED_IN_MARK } from "../../lib/realtime/browser/client";
import { SignInPage } from "../../tests/e2e/pages/sign-in-page";
import { percentile } from "./load";

// What a browser sees of /app: the time from navigation to signin_success, read from the page's
// own user-timing mark (so no test-driver polling is counted), and the script it downloads.

export type Percentiles = { p50: number; p95: number; runs: number };

const SIGNED_IN = '[data-testid="connection-badge"][data-signed-in="true"]';

/** Signs in through the form and waits on /app until the realtime connection is signed in. */
export async function signInToApp(context: BrowserContext, username: string, password: string) {
  const form = new SignInPage(await context.newPage());
  await form.goto();
  await form.signIn(username, password);
  await form.page.locator(SIGNED_IN).waitFor();
  return form.page;
}

/** Milestones of one page load, in ms since navigation start. */
export type Milestones = {
  firstByte: number;
  html: number;
  scripts: number;
  userAuthSent: number;
  userAuthAnswered: number;
  signedIn: number;
};

async function openApp(page: Page): Promise<Milestones> {
  await page.goto("/app");
  await page.locator(SIGNED_IN).waitFor();
  return page.evaluate((mark) => {
    const signedIn = performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN;
    const [navigation] = performance.getEntriesByType(
      "navigation",
    ) as PerformanceNavigationTiming[];
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const before = resources.filter((entry) => entry.startTime < signedIn);
    const scripts = before.filter((entry) => new URL(entry.name).pathname.endsWith(".js"));
    const userAuth = before.findLast((entry) => entry.name.includes("/api/pusher/user-auth"));
    return {
      firstByte: navigation?.responseStart ?? Number.NaN,
      html: navigation?.responseEnd ?? Number.NaN,
      scripts: Math.max(...scripts.map((entry) => entry.responseEnd)),
      userAuthSent: userAuth?.startTime ?? Number.NaN,
      userAuthAnswered: userAuth?.responseEnd ?? Number.NaN,
      signedIn,
    };
  }, SIGNED_IN_MARK);
}

/** The median of each milestone over the runs. */
function medians(runs: Milestones[]): Milestones {
  const median = (key: keyof Milestones) =>
    percentile(
      runs.map((run) => run[key]).sort((a, b) => a - b),
      50,
    );
  return {
    firstByte: median("firstByte"),
    html: median("html"),
    scripts: median("scripts"),
    userAuthSent: median("userAuthSent"),
    userAuthAnswered: median("userAuthAnswered"),
    signedIn: median("signedIn"),
  };
}

function summarize(times: number[]): Percentiles {
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), runs: times.length };
}

/**
 * `runs` navigations to /app in one tab (each from about:blank, so a full page load), and as
 * many in a new tab each, which adds the browser's start of a renderer process. The first two
 * of each only warm up.
 */
export async function timeToSignedIn(context: BrowserContext, runs: number) {
  const sameTab: Milestones[] = [];
  const tab = await context.newPage();
  for (let run = 0; run < runs + 2; run++) {
    await tab.goto("about:blank");
    const milestones = await openApp(tab);
    if (run >= 2) sameTab.push(milestones);
  }
  await tab.close();
  const newTab: Milestones[] = [];
  for (let run = 0; run < runs + 2; run++) {
    const page = await context.newPage();
    const milestones = await openApp(page);
    if (run >= 2) newTab.push(milestones);
    await page.close();
  }
  return {
    sameTab: summarize(sameTab.map((run) => run.signedIn)),
    newTab: summarize(newTab.map((run) => run.signedIn)),
    milestones: { sameTab: medians(sameTab), newTab: medians(newTab) },
  };
}

/**
 * The JavaScript a first visit to /app downloads (empty cache), in KB as served: gzip, since
 * `next start` compresses. First load is what arrives before signin_success; the rest is what
 * the page loads later on its own (tweetnacl, once an encrypted channel is authorized).
 */
export async function appScripts(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto("/app");
  await page.locator(SIGNED_IN).waitFor();
  await page.waitForLoadState("networkidle");
  const { firstLoad, later } = await page.evaluate((mark) => {
    const signedIn = performance.getEntriesByName(mark)[0]?.startTime ?? Number.POSITIVE_INFINITY;
    const sum = { firstLoad: 0, later: 0 };
    for (const entry of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
      if (!new URL(entry.name).pathname.endsWith(".js")) continue;
      if (entry.startTime < signedIn) sum.firstLoad += entry.encodedBodySize;
      else sum.later += entry.encodedBodySize;
    }
    return sum;
  }, SIGNED_IN_MARK);
  await page.close();
  return { firstLoadKb: firstLoad / 1024, laterKb: later / 1024 };
}
