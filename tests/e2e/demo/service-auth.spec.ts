import type { Browser } from "@playwright/test";
import { QuickstartPage } from "../pages/quickstart-page";
import { workerStack } from "../support/worker-stack";
import { expect, test } from "../test";
import { DEMO_PASSWORD, openApp, setServiceAuth, uniqueUsername } from "./fixtures";
import { DemoAppPage } from "./pages/demo-app-page";

// The demo's part of /quickstart: the lobby's presence, once the client has started.

async function openQuickstart(browser: Browser) {
  const context = await browser.newContext({ baseURL: workerStack().baseURL });
  const quickstart = new QuickstartPage(await context.newPage());
  await quickstart.goto();
  return { context, quickstart, demo: new DemoAppPage(quickstart.page) };
}

test("newUser creates a user who is signed in and appears in lobby presence", async ({
  browser,
}) => {
  const { context, quickstart, demo } = await openQuickstart(browser);
  const username = uniqueUsername("new");
  await quickstart.submit("Create user", username, "a-long-enough-password");
  await expect(quickstart.signedInAs).toHaveText(
    `Signed in to the realtime service as @${username}`,
  );
  await expect(demo.lobby.getByText(username, { exact: true })).toBeVisible();

  const bob = await openApp(browser, "bob");
  await expect(bob.app.lobby.getByText(username, { exact: true })).toBeVisible();
  await expect(demo.lobby.getByText("Bob", { exact: true })).toBeVisible();
  await Promise.all([context.close(), bob.context.close()]);
});

test("when an admin switches the flow off, the quickstart's lobby says it is not connected", async ({
  browser,
}) => {
  const live = await openQuickstart(browser);
  await live.quickstart.submit("Start", "carol", DEMO_PASSWORD);
  await live.quickstart.realtime.expectSignedIn();
  await expect(live.demo.lobby.getByText("Carol", { exact: true })).toBeVisible();

  try {
    await setServiceAuth(browser, "off");
    await expect(live.quickstart.realtime.notice).toHaveAttribute(
      "data-code",
      "service_auth_disabled",
    );
    // The lobby leaves its loading state and says why it shows nobody.
    await expect(
      live.quickstart.page.getByRole("heading", { name: "In #lobby now" }),
    ).toBeVisible();
    await expect(live.quickstart.page.getByText("Not connected.")).toBeVisible();
    await expect(live.quickstart.page.getByText("Joining…")).toHaveCount(0);
    await expect(live.demo.lobby).toHaveCount(0);
  } finally {
    await setServiceAuth(browser, "on");
  }
  await live.context.close();
});
