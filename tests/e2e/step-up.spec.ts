import type { Browser } from "@playwright/test";
import { INVALID_CREDENTIALS } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { SignInPage } from "./pages/sign-in-page";
import { type Stack, startStack } from "./support/stack";
import {
  confirmDialog,
  confirmItsYou,
  device,
  NO_DEVICE,
  newUser,
  waitUntilOld,
} from "./support/step-up";
import { expect, test } from "./test";

// A fresh sign-in for sensitive actions, on a stack of its own where a sign-in or a confirmation
// counts for 4 s (STEP_UP_MAX_AGE_SECONDS): each test lets it age, by asking a sensitive
// endpoint until it says so, then acts. The other specs act right after signing in, which counts.

const MAX_AGE_SECONDS = 4;
const WRONG_PASSWORD = "That is not this account's password.";

let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStack({
    env: { STEP_UP_MAX_AGE_SECONDS: String(MAX_AGE_SECONDS), MAX_SESSIONS_PER_USER: "1000" },
  });
});

test.afterAll(async () => {
  await stack?.stop();
});

const user = (browser: Browser, prefix: string) => newUser(browser, stack.baseURL, prefix);
const signedIn = (browser: Browser, account: { username: string; password: string }) =>
  device(browser, stack.baseURL, account.username, account.password);

/** The id of the session a context holds: "This device" of its own list. */
async function sessionId(account: AccountPage): Promise<string> {
  await account.goto();
  const current = account.page.locator('[data-testid="device"][data-current="true"]');
  return (await current.getAttribute("data-device-id")) ?? "";
}

test("signing devices out asks 'Confirm it's you' once the sign-in is old, and goes on after it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const bob = await user(browser, "stepup");
  const laptop = await signedIn(browser, bob);
  const phone = await signedIn(browser, bob);
  const phoneId = await sessionId(new AccountPage(await phone.context.newPage()));
  const account = new AccountPage(await laptop.context.newPage());
  await account.goto();
  const dialog = confirmDialog(account.page);

  // Old: the press asks first, and nothing happens until the user confirms.
  await waitUntilOld(laptop.context);
  await account.device(phoneId).getByRole("button", { name: "Sign out" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  expect((await phone.context.request.get("/api/account/devices")).status()).toBe(200);

  await account.device(phoneId).getByRole("button", { name: "Sign out" }).click();
  await dialog.getByLabel("Password").fill("not-the-password");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByText(WRONG_PASSWORD)).toBeVisible();
  expect((await phone.context.request.get("/api/account/devices")).status()).toBe(200);
  await confirmItsYou(account.page, bob.password);
  await expect(account.device(phoneId)).toHaveCount(0);
  await expect(phone.app.notice).toHaveAttribute("data-code", "signed_out_remotely");

  await waitUntilOld(laptop.context);
  await account.page.getByRole("button", { name: "Sign out all other devices" }).click();
  await confirmItsYou(account.page, bob.password);
  await expect(account.devices).toHaveCount(1);

  // The confirmations and the wrong password are in the activity log, with this session.
  await account.goto();
  const kinds = account.page.getByTestId("activity-kind");
  await expect(kinds.filter({ hasText: "step_up" }).first()).toBeVisible();

  await waitUntilOld(laptop.context);
  await account.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await confirmItsYou(account.page, bob.password);
  await expect(account.page).toHaveURL(/\/sign-in/);
  await Promise.all([laptop.context.close(), phone.context.close()]);
});

test("every admin action asks 'Confirm it's you' once the sign-in is old, and goes on after it", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const target = await user(browser, "target");
  const alice = await signedIn(browser, {
    username: "alice",
    password: "correct-horse-battery-staple",
  });
  const targetTab = await signedIn(browser, target);
  const page = await alice.context.newPage();
  await page.goto("/admin");
  const row = page.getByTestId(`user-row-${target.username}`);
  const button = (name: string) => row.getByRole("button", { name, exact: true });

  for (const [action, after] of [
    ["Make admin", "Revoke admin"],
    ["Revoke admin", "Make admin"],
    ["Disconnect", "Disconnect"],
    ["Ban", "Unban"],
    ["Unban", "Ban"],
  ] as const) {
    await waitUntilOld(alice.context);
    await button(action).click();
    await expect(confirmDialog(page)).toBeVisible();
    // Asked, not acted: the row is as it was.
    await expect(button(action)).toBeVisible();
    await confirmItsYou(page, "correct-horse-battery-staple");
    await expect(button(after)).toBeVisible();
    if (action === "Disconnect")
      await expect(targetTab.app.notice).toHaveAttribute("data-code", "disconnected");
  }
  await expect(row.getByTestId("status")).not.toContainText("banned");

  const state = page.getByTestId("service-auth-state");
  const before = (await state.textContent())?.endsWith("on") ? "on" : "off";
  const flipped = before === "on" ? "off" : "on";
  await waitUntilOld(alice.context);
  await page.getByRole("button", { name: before === "on" ? "Turn off" : "Turn on" }).click();
  await expect(confirmDialog(page)).toBeVisible();
  await expect(state).toHaveText(`Service authentication: ${before}`);
  await confirmItsYou(page, "correct-horse-battery-staple");
  await expect(state).toHaveText(`Service authentication: ${flipped}`);
  await Promise.all([alice.context.close(), targetTab.context.close()]);
});

test("the JSON endpoints answer 401 step_up_required; a confirmation helps its own session only", async ({
  browser,
}) => {
  const carol = await user(browser, "json");
  const a = await signedIn(browser, carol);
  const b = await signedIn(browser, carol);
  await Promise.all([waitUntilOld(a.context), waitUntilOld(b.context)]);

  const refused = await a.context.request.delete("/api/account/devices");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({
    error: "step_up_required",
    message: expect.stringContaining("confirm it's you"),
  });
  expect((await b.context.request.get("/api/account/devices")).status()).toBe(200);

  const confirm = (password: string) =>
    a.context.request.post("/api/account/confirmation", { data: { password } });
  const wrong = await confirm("not-the-password");
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toMatchObject({ error: "wrong_password", message: WRONG_PASSWORD });
  const right = await confirm(carol.password);
  expect(right.status()).toBe(200);

  // The same user's other session is as old as it was.
  const other = await b.context.request.delete(`/api/account/devices/${NO_DEVICE}`);
  expect(await other.json()).toMatchObject({ error: "step_up_required" });
  const own = await a.context.request.delete(`/api/account/devices/${NO_DEVICE}`);
  expect(await own.json()).toMatchObject({ error: "device_not_found" });
  const everyOther = await a.context.request.delete("/api/account/devices");
  expect(everyOther.status()).toBe(200);
  expect((await b.context.request.get("/api/account/devices")).status()).toBe(401);
  await Promise.all([a.context.close(), b.context.close()]);
});

test("changing the password: the current one is the confirmation, and every other device is signed out", async ({
  browser,
}) => {
  const dave = await user(browser, "password");
  const laptop = await signedIn(browser, dave);
  const phone = await signedIn(browser, dave);
  const account = new AccountPage(await laptop.context.newPage());
  await account.goto();
  await waitUntilOld(laptop.context);

  const form = account.page.getByRole("region", { name: "Change password" });
  await account.fillPasswordChange("not-the-password", "a-new-long-password");
  await expect(form.getByText(WRONG_PASSWORD)).toBeVisible();
  await expect(confirmDialog(account.page)).toHaveCount(0);
  expect((await phone.context.request.get("/api/account/devices")).status()).toBe(200);

  await account.changePassword(dave.password, "a-new-long-password");
  await expect(confirmDialog(account.page)).toHaveCount(0);
  await expect(phone.app.notice).toHaveAttribute("data-code", "password_changed");
  const ended = await phone.context.request.get("/api/account/devices");
  expect(ended.status()).toBe(401);
  expect(await ended.json()).toMatchObject({ error: "session_ended", reason: "password_changed" });
  expect((await laptop.context.request.get("/api/account/devices")).status()).toBe(200);
  await expect(laptop.app.badge).toHaveAttribute("data-signed-in", "true");

  const signIn = new SignInPage(await phone.context.newPage());
  await signIn.goto();
  await signIn.signIn(dave.username, dave.password);
  await expect(signIn.alert).toHaveText(INVALID_CREDENTIALS);
  await signIn.signIn(dave.username, "a-new-long-password");
  await expect(signIn.page).not.toHaveURL(/\/sign-in/);

  await account.goto();
  const kinds = account.page.getByTestId("activity-kind");
  await expect(kinds.filter({ hasText: "password_changed" }).first()).toBeVisible();
  await Promise.all([laptop.context.close(), phone.context.close()]);
});
