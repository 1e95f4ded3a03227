import type { Page } from "@playwright/test";

/** The text of every script the page requested, split at the page's signin_success mark. */
export async function scriptsAroundSignIn(page: Page) {
  const { before, after } = await page.evaluate(() => {
    const signedIn = performance.getEntriesByName("realtime:signin_success")[0]?.startTime;
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((entry) => new URL(entry.name).pathname.endsWith(".js"))
      .map((entry) => ({
        url: entry.name,
        early: signedIn === undefined || entry.startTime < signedIn,
      }));
    return {
      before: scripts.filter((script) => script.early).map((script) => script.url),
      after: scripts.filter((script) => !script.early).map((script) => script.url),
    };
  });
  const text = (urls: string[]) =>
    Promise.all(urls.map(async (url) => (await page.request.get(url)).text()));
  return { before: await text(before), after: await text(after) };
}
