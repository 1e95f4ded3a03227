import type { Browser } from "@playwright/test";
import { DEMO_PASSWORD, openApp, setServiceAuth, signUpUser } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { QuickstartPage } from "./pages/quickstart-page";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// The service flow's session management: getSession() after start(), start(session) after a
// reload, kept in the tab's sessionStorage.

const KEY = "realtime-session";

async function startedQuickstart(browser: Browser, username: string, password = DEMO_PASSWORD) {
  const context = await browser.newContext({ baseURL: workerStack().baseURL });
  const quickstart = new QuickstartPage(await context.newPage());
  await quickstart.goto();
  await quickstart.submit("Start", username, password);
  await expect(quickstart.signedInAs).toHaveText(
    `Signed in to the realtime service as @${username}`,
  );
  return { context, quickstart };
}

const saved = (quickstart: QuickstartPage) =>
  quickstart.page.evaluate((key) => sessionStorage.getItem(key), KEY);

test("a reload resumes the session without the password; a new tab does not inherit it", async ({
  browser,
}) => {
  const { context, quickstart } = await startedQuickstart(browser, "alice");
  expect(JSON.parse((await saved(quickstart)) ?? "{}")).toEqual({ session: expect.any(String) });

  await quickstart.page.reload();
  await expect(quickstart.signedInAs).toHaveText("Signed in to the realtime service as @alice");
  await quickstart.realtime.expectSignedIn();
  await expect(quickstart.page.getByLabel("Password")).toHaveCount(0);

  // sessionStorage belongs to the tab: another tab starts from the form.
  const other = new QuickstartPage(await context.newPage());
  await other.goto();
  await expect(other.page.getByLabel("Password")).toBeVisible();
  expect(await saved(other)).toBeNull();

  // Stop forgets it: the next reload asks again.
  await quickstart.page.getByRole("button", { name: "Stop" }).click();
  expect(await saved(quickstart)).toBeNull();
  await quickstart.page.reload();
  await expect(quickstart.page.getByLabel("Password")).toBeVisible();
  await context.close();
});

test("a tampered session falls back to the form, with a message, and is forgotten", async ({
  browser,
}) => {
  const { context, quickstart } = await startedQuickstart(browser, "bob");
  const original = JSON.parse((await saved(quickstart)) ?? "{}") as { session: string };
  const last = original.session.at(-1) === "A" ? "B" : "A";
  await quickstart.page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [
    KEY,
    JSON.stringify({ session: `${original.session.slice(0, -1)}${last}` }),
  ] as const);
  await quickstart.page.reload();
  await expect(quickstart.alert).toContainText("Your session could not be resumed");
  await expect(quickstart.page.getByLabel("Password")).toBeVisible();
  expect(await saved(quickstart)).toBeNull();
  await context.close();
});

test("a session ended by the switch falls back to the form after a reload", async ({ browser }) => {
  const { context, quickstart } = await startedQuickstart(browser, "carol");
  try {
    await setServiceAuth(browser, "off");
    await expect(quickstart.realtime.notice).toHaveAttribute("data-code", "service_auth_disabled");
    await setServiceAuth(browser, "on");
    await quickstart.page.reload();
    await expect(quickstart.alert).toContainText("Your session could not be resumed");
    await expect(quickstart.page.getByLabel("Password")).toBeVisible();
    await expect(quickstart.signedInAs).toHaveCount(0);
    expect(await saved(quickstart)).toBeNull();
  } finally {
    await setServiceAuth(browser, "on");
    await context.close();
  }
});

test("a session ended by sign-out everywhere falls back to the form after a reload", async ({
  browser,
}) => {
  const user = await signUpUser(browser, "resume");
  const { context, quickstart } = await startedQuickstart(browser, user.username, user.password);
  const site = await openApp(browser, user.username, user.password);
  const account = new AccountPage(site.app.page);
  await account.goto();
  await account.signOutEverywhere();
  await expect(quickstart.realtime.notice).toHaveAttribute("data-code", "signed_out_everywhere");

  await quickstart.page.reload();
  await expect(quickstart.alert).toContainText("Your session could not be resumed");
  await expect(quickstart.page.getByLabel("Password")).toBeVisible();
  expect(await saved(quickstart)).toBeNull();
  await site.context.close();
  await context.close();
});
