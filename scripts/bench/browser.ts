import type { BrowserContext, Page } from "@playwright/test";
import { SIGNED_IN_MARK } from "../../lib/realtime/client/marks";
import { SignInPage } from "../../tests/e2e/pages/sign-in-page";
import { percentile } from "./load";

// What a browser sees of /app and of the floor: the time from navigation to signin_success, read
// from the page's own user-timing mark (so no test-driver polling is counted), and the script it
// downloads.

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
export type Milestones = Record<
  "firstByte" | "html" | "scripts" | "userAuthSent" | "userAuthAnswered" | "signedIn",
  number
>;

/** The page the benchmark measures, and the floor it is measured against (app/(bench)). */
export const PAGES = { app: "/app", floor: "/bench/floor" } as const;
export type PageName = keyof typeof PAGES;
/** The pages whose times are compared: those two, and the bare app outside the build (bare.ts). */
export type TimedPage = PageName | "bare";

/**
 * The floor as the comparison takes it: a page of this build that signs in and shows none of the
 * site's frame. No production build has the page, so no end-to-end test can check it.
 */
export async function checkFloor(context: BrowserContext) {
  const page = await context.newPage();
  const answer = await page.goto(PAGES.floor);
  if (answer?.status() !== 200) {
    throw new Error(`${PAGES.floor} answered ${answer?.status()}: not a build with BENCH_FLOOR=1.`);
  }
  await page.locator(SIGNED_IN).waitFor();
  if ((await page.locator("header, nav, main").count()) > 0) {
    throw new Error(`${PAGES.floor} shows the site's frame: it would not be the floor.`);
  }
  await page.close();
}

/** Opens `pathname` in `page` and waits until its socket is signed in; its milestones. */
export async function openPage(page: Page, pathname: string): Promise<Milestones> {
  await page.goto(pathname);
  await page.locator(SIGNED_IN).waitFor();
  return page.evaluate((mark) => {
    const signedIn = performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN;
    const [navigation] = performance.getEntriesByType(
      "navigation",
    ) as PerformanceNavigationTiming[];
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const before = resources.filter((entry) => entry.startTime < signedIn);
    const scripts = before.filter((entry) => new URL(entry.name).pathname.endsWith(".js"));
    // The app's /api/pusher/user-auth, or the bare app's /api/user-auth.
    const userAuth = before.findLast((entry) =>
      new URL(entry.name).pathname.endsWith("/user-auth"),
    );
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
export function medians(runs: Milestones[]): Milestones {
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

export function summarize(times: number[]): Percentiles {
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), runs: times.length };
}

/**
 * A pause before each measured load, the same for every page: a page left or closed tears down
 * its renderer and its socket, and the server answers the realtime server's webhooks for it (a
 * vacated channel, a member gone). Measured at once, the next page would pay for the previous
 * one's end, whichever page that was.
 */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

export type SignedInTimes = {
  sameTab: Percentiles;
  newTab: Percentiles;
  milestones: { sameTab: Milestones; newTab: Milestones };
};

/**
 * `runs` navigations to each page in one tab (each from about:blank, so a full page load), and as
 * many in a new tab each, which adds the browser's start of a renderer process. /app and the
 * floor take turns, each going first every other run, so that both see the same machine; the
 * first two of each only warm up.
 */
export async function timeToSignedIn(
  context: BrowserContext,
  runs: number,
  urls: Record<TimedPage, string>,
): Promise<Record<TimedPage, SignedInTimes>> {
  const names = Object.keys(urls) as TimedPage[];
  const runsOf = () => ({
    sameTab: [] as Milestones[],
    newTab: [] as Milestones[],
  });
  const all = { app: runsOf(), floor: runsOf(), bare: runsOf() };
  const tab = await context.newPage();
  for (let run = 0; run < runs + 2; run++) {
    for (const name of run % 2 ? [...names].reverse() : names) {
      await tab.goto("about:blank");
      await settle();
      const milestones = await openPage(tab, urls[name]);
      if (run >= 2) all[name].sameTab.push(milestones);
    }
  }
  await tab.close();
  for (let run = 0; run < runs + 2; run++) {
    for (const name of run % 2 ? [...names].reverse() : names) {
      const page = await context.newPage();
      const milestones = await openPage(page, urls[name]);
      if (run >= 2) all[name].newTab.push(milestones);
      await page.close();
      await settle();
    }
  }
  const times = ({ sameTab, newTab }: ReturnType<typeof runsOf>): SignedInTimes => ({
    sameTab: summarize(sameTab.map((run) => run.signedIn)),
    newTab: summarize(newTab.map((run) => run.signedIn)),
    milestones: { sameTab: medians(sameTab), newTab: medians(newTab) },
  });
  return { app: times(all.app), floor: times(all.floor), bare: times(all.bare) };
}

export type Scripts = {
  firstLoadKb: number;
  laterKb: number;
  /** Each script of the first load: its file (a chunk) and its size as served, in KB. */
  firstLoadFiles: { file: string; kb: number }[];
};

/**
 * The JavaScript a first visit to a page downloads (give it a context of its own: an empty
 * cache), in KB as served: gzip, since `next start` compresses. First load is what arrives before
 * signin_success; the rest is what the page loads later on its own (tweetnacl, once an encrypted
 * channel is authorized).
 */
export async function pageScripts(context: BrowserContext, pathname: string): Promise<Scripts> {
  const page = await context.newPage();
  await page.goto(pathname);
  await page.locator(SIGNED_IN).waitFor();
  await page.waitForLoadState("networkidle");
  const { firstLoad, later } = await page.evaluate((mark) => {
    const signedIn = performance.getEntriesByName(mark)[0]?.startTime ?? Number.POSITIVE_INFINITY;
    const files = { firstLoad: [] as { file: string; bytes: number }[], later: 0 };
    for (const entry of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
      const { pathname } = new URL(entry.name);
      if (!pathname.endsWith(".js")) continue;
      const file = pathname.split("/").at(-1) ?? pathname;
      if (entry.startTime < signedIn) files.firstLoad.push({ file, bytes: entry.encodedBodySize });
      else files.later += entry.encodedBodySize;
    }
    return files;
  }, SIGNED_IN_MARK);
  await page.close();
  const total = firstLoad.reduce((sum, { bytes }) => sum + bytes, 0);
  return {
    firstLoadKb: total / 1024,
    laterKb: later / 1024,
    firstLoadFiles: firstLoad.map(({ file, bytes }) => ({ file, kb: bytes / 1024 })),
  };
}
