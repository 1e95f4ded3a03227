import type { Browser, BrowserContext } from "@playwright/test";
import { DEMO_PASSWORD, openApp as openCoreApp, openTab as openCoreTab } from "../fixtures";
import { DemoAppPage } from "./pages/demo-app-page";

// The core's fixtures, with /app seen through the demo's page object.
export * from "../fixtures";

export async function openApp(
  browser: Browser,
  username: string,
  password = DEMO_PASSWORD,
  existing?: BrowserContext,
): Promise<{ context: BrowserContext; app: DemoAppPage }> {
  const { context, app } = await openCoreApp(browser, username, password, existing);
  return { context, app: new DemoAppPage(app.page) };
}

export async function openTab(context: BrowserContext): Promise<DemoAppPage> {
  return new DemoAppPage((await openCoreTab(context)).page);
}
