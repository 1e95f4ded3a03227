import type { BrowserContext, CDPSession, Page } from "@playwright/test";
import {
  type Milestones,
  medians,
  openPage,
  type Percentiles,
  settle,
  summarize,
  type TimedPage,
} from "./browser";
import { percentile } from "./load";

// A new tab opened beside open tabs of the same page and user, as people have them: the open
// ones signed in and idle, each with its own socket, its presence and its Online now. What they
// do while the new one loads (their reactions to its sign-in) is measured with it: their
// main-thread time and their requests, from the renderer's own counters.

/** How many tabs of the same page and user are open beside the new one. */
export const OPEN_BESIDE = [1, 3] as const;
export type OpenBeside = (typeof OPEN_BESIDE)[number];

export type BesideTimes = Percentiles & {
  milestones: Milestones;
  /** The open tabs' main-thread time while the new tab loaded, ms in all (median of the runs). */
  othersBusyMs: number;
  /** The requests the open tabs sent while it loaded (median of the runs). */
  othersRequests: number;
};

type OpenTab = { page: Page; cdp: CDPSession; requests: number; lastActivity: number };

/** The renderer's time in tasks (main thread) so far, in ms. */
async function busyMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send("Performance.getMetrics")) as {
    metrics: { name: string; value: number }[];
  };
  return (metrics.find((metric) => metric.name === "TaskDuration")?.value ?? 0) * 1000;
}

async function openTab(context: BrowserContext, url: string): Promise<OpenTab> {
  const page = await context.newPage();
  const tab: OpenTab = {
    page,
    cdp: await context.newCDPSession(page),
    requests: 0,
    lastActivity: 0,
  };
  const active = () => {
    tab.lastActivity = Date.now();
  };
  page.on("request", () => {
    tab.requests++;
    active();
  });
  page.on("requestfinished", active);
  page.on("requestfailed", active);
  await openPage(page, url);
  await tab.cdp.send("Performance.enable");
  return tab;
}

/**
 * Idle: no request started or ended in any open tab for `quietMs`. /app keeps loading for a
 * while after its sign-in (the parts below, their channels and first messages); a new tab that
 * opened during that would measure those loads, not the open tabs beside it.
 */
async function untilIdle(tabs: OpenTab[], quietMs = 500): Promise<void> {
  for (;;) {
    const last = Math.max(...tabs.map((tab) => tab.lastActivity));
    const wait = last + quietMs - Date.now();
    if (wait <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Half the runs of the other measures for each number of open tabs; pages take turns. */
export async function timeBesideOpenTabs(
  context: BrowserContext,
  runs: number,
  urls: Record<TimedPage, string>,
): Promise<Record<TimedPage, Record<OpenBeside, BesideTimes>>> {
  const names = Object.keys(urls) as TimedPage[];
  type Run = { milestones: Milestones; othersBusyMs: number; othersRequests: number };
  const all = new Map<string, Run[]>();
  for (const open of OPEN_BESIDE) {
    for (let run = 0; run < Math.ceil(runs / 2) + 2; run++) {
      for (const name of run % 2 ? [...names].reverse() : names) {
        const url = urls[name];
        const others: OpenTab[] = [];
        for (let i = 0; i < open; i++) others.push(await openTab(context, url));
        await untilIdle(others);
        const busyBefore = await Promise.all(others.map((tab) => busyMs(tab.cdp)));
        const requestsBefore = others.map((tab) => tab.requests);
        const page = await context.newPage();
        const milestones = await openPage(page, url);
        const busyAfter = await Promise.all(others.map((tab) => busyMs(tab.cdp)));
        if (run >= 2) {
          const key = `${name} ${open}`;
          all.set(key, [
            ...(all.get(key) ?? []),
            {
              milestones,
              othersBusyMs: busyAfter.reduce((sum, ms, i) => sum + ms - (busyBefore[i] ?? 0), 0),
              othersRequests: others.reduce(
                (sum, tab, i) => sum + tab.requests - (requestsBefore[i] ?? 0),
                0,
              ),
            },
          ]);
        }
        for (const closing of [page, ...others.map((tab) => tab.page)]) await closing.close();
        await settle();
      }
    }
  }
  const median = (values: number[]) =>
    percentile(
      values.sort((a, b) => a - b),
      50,
    );
  const summary = (found: Run[]): BesideTimes => ({
    ...summarize(found.map((run) => run.milestones.signedIn)),
    milestones: medians(found.map((run) => run.milestones)),
    othersBusyMs: median(found.map((run) => run.othersBusyMs)),
    othersRequests: median(found.map((run) => run.othersRequests)),
  });
  const forPage = (name: TimedPage): Record<OpenBeside, BesideTimes> => ({
    1: summary(all.get(`${name} 1`) ?? []),
    3: summary(all.get(`${name} 3`) ?? []),
  });
  return { app: forPage("app"), floor: forPage("floor"), bare: forPage("bare") };
}
