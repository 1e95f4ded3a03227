import type { JSHandle, Page } from "@playwright/test";
import type { RealtimeTestSeam } from "../../../lib/realtime/client/test-seam";

/**
 * The tab's realtime client, as the test seam exposes it: on where the app's server has
 * REALTIME_TEST_SEAM=1 (the shared stack, global-setup.ts). Use it in `handle.evaluate(...)`.
 */
export async function testSeam(page: Page): Promise<JSHandle<RealtimeTestSeam>> {
  await page.waitForFunction(() => globalThis.__realtimeTestSeam !== undefined);
  return page.evaluateHandle(() => {
    const seam = globalThis.__realtimeTestSeam;
    if (!seam) throw new Error("No test seam: does the app's server have REALTIME_TEST_SEAM=1?");
    return seam;
  });
}

/** Whether the page exposes the seam (it must not, without the switch). */
export function hasTestSeam(page: Page): Promise<boolean> {
  return page.evaluate(() => "__realtimeTestSeam" in globalThis);
}
