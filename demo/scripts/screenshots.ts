// npm run screenshots — the README's pictures, taken from the production build on a throwaway
// stack (run `npm run build` first), into demo/docs/.
import { type Browser, chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../../tests/e2e/support/browser";
import { startStack } from "../../tests/e2e/support/stack";

const PASSWORD = "correct-horse-battery-staple";
const viewport = { width: 1280, height: 900 };

async function signedIn(browser: Browser, baseURL: string, username: string): Promise<Page> {
  const page = await browser.newPage({ baseURL, viewport });
  await page.goto("/sign-in?callbackUrl=/app");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByTestId("connection-badge").and(page.locator('[data-signed-in="true"]')).waitFor();
  return page;
}

const stack = await startStack();
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const home = await browser.newPage({ baseURL: stack.baseURL, viewport });
  await home.goto("/");
  await home.screenshot({ path: "demo/docs/home.png", fullPage: true });

  const alice = await signedIn(browser, stack.baseURL, "alice");
  const bob = await signedIn(browser, stack.baseURL, "bob");
  await bob
    .getByLabel("Message #lobby")
    .fill("Hi Alice! Reconnect all you like: nothing gets lost.");
  // The lobby's own Send: the first on the page is "Send an event to a user"'s.
  await bob.getByRole("tabpanel").getByRole("button", { name: "Send", exact: true }).click();
  await alice.getByTestId("room-lobby").getByText("nothing gets lost").waitFor();
  await alice.screenshot({ path: "demo/docs/app.png", fullPage: true });

  const quickstart = await browser.newPage({ baseURL: stack.baseURL, viewport });
  await quickstart.goto("/quickstart");
  await quickstart.getByLabel("Username").fill("carol");
  await quickstart.getByLabel("Password").fill(PASSWORD);
  await quickstart.getByRole("button", { name: "Start", exact: true }).click();
  await quickstart.getByTestId("quickstart-user").waitFor();
  await quickstart.getByTestId("inspector").locator('[data-step="channel-auth"]').first().waitFor();
  await quickstart.screenshot({ path: "demo/docs/quickstart.png", fullPage: true });

  await alice.goto("/admin");
  await alice.screenshot({ path: "demo/docs/admin.png", fullPage: true });
  console.log("Screenshots written to demo/docs/: home.png, app.png, quickstart.png, admin.png");
} finally {
  await browser.close();
  await stack.stop();
}
