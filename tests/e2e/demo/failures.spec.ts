import { SignUpPage } from "../pages/sign-up-page";
import { startExternalStack } from "../support/stack";
import { expect, test } from "../test";
import { uniqueUsername } from "./fixtures";
import { DemoAppPage } from "./pages/demo-app-page";

// The demo's widgets when the app itself goes away. The core's outages are in ../failures.spec.ts.

test("after the app server restarts, the inspector saw one connection and the encrypted inbox authorizes on it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const stack = await startExternalStack("keep-demo");
  try {
    const context = await browser.newContext({ baseURL: stack.baseURL });
    const signUp = new SignUpPage(await context.newPage());
    await signUp.goto();
    await signUp.signUp({ username: uniqueUsername("steady"), password: "a-long-enough-password" });
    const page = new DemoAppPage(signUp.page);
    await page.expectSignedIn();
    const connections = page.page.getByTestId("inspector").locator('[data-step="connected"]');
    await expect(connections).toHaveCount(1);

    await stack.restartApp();

    // The same socket, never dropped, and the restarted app derives the inbox's key on it.
    await expect(page.badge).toHaveAttribute("data-state", "connected");
    await expect(connections).toHaveCount(1);
    const inbox = await page.inboxChannel();
    await expect(await page.probeChannel(inbox)).toHaveText(`Subscribed to ${inbox}.`);
    await context.close();
  } finally {
    await stack.stop();
  }
});
