import type { Browser, BrowserContext, Page } from "@playwright/test";
import { openApp, uniqueUsername } from "../fixtures";
import { SignUpPage } from "../pages/sign-up-page";
import { expect } from "../test";

// The fresh sign-in, as step-up.spec.ts drives it on a stack whose STEP_UP_MAX_AGE_SECONDS is a
// few seconds: wait for a sign-in to age (by asking, never by sleeping), then confirm.

/** A session id that no device has: its DELETE answers 404 when fresh, 401 step_up_required when not. */
export const NO_DEVICE = "00000000-0000-4000-8000-000000000000";

/** Polls a sensitive endpoint until it says the context's sign-in is too old. */
export async function waitUntilOld(context: BrowserContext, timeout = 20_000): Promise<void> {
  await expect
    .poll(
      async () => {
        const answer = await context.request.delete(`/api/account/devices/${NO_DEVICE}`);
        return answer.status() === 401 ? (await answer.json()).error : answer.status();
      },
      { timeout, intervals: [250] },
    )
    .toBe("step_up_required");
}

export function confirmDialog(page: Page) {
  return page.getByRole("dialog", { name: "Confirm it's you" });
}

/** Answers "Confirm it's you" with `password`, and waits for the dialog to close. */
export async function confirmItsYou(page: Page, password: string): Promise<void> {
  const dialog = confirmDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Password").fill(password);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toHaveCount(0);
}

/** A new user on `baseURL`'s stack, signed up in a context closed afterwards. */
export async function newUser(browser: Browser, baseURL: string, prefix: string) {
  const user = { username: uniqueUsername(prefix), password: "a-long-enough-password" };
  const context = await browser.newContext({ baseURL });
  const signUp = new SignUpPage(await context.newPage());
  await signUp.goto();
  await signUp.signUp(user);
  await expect(signUp.page).toHaveURL(/\/app$/);
  await context.close();
  return user;
}

/** `username` signed in on /app in a new context of `baseURL`'s stack. */
export async function device(
  browser: Browser,
  baseURL: string,
  username: string,
  password: string,
) {
  return openApp(browser, username, password, await browser.newContext({ baseURL }));
}
