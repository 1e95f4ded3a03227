import { virtualAuthenticator, withoutAutofill } from "./support/passkeys";
import { type Stack, startStack } from "./support/stack";
import { confirmDialog, confirmItsYou, device, newUser, waitUntilOld } from "./support/step-up";
import { expect, test } from "./test";

// Adding and removing a passkey need a fresh sign-in, on a stack of its own where one counts for
// 4 s (STEP_UP_MAX_AGE_SECONDS), as in step-up.spec.ts; and "Use a passkey" is a way to give it.

let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStack({
    env: { STEP_UP_MAX_AGE_SECONDS: "4", MAX_SESSIONS_PER_USER: "1000" },
  });
});

test.afterAll(async () => {
  await stack?.stop();
});

test("adding a passkey asks 'Confirm it's you' once the sign-in is old; removing one is confirmed with 'Use a passkey'", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const user = await newUser(browser, stack.baseURL, "pk-stepup");
  const { context, app } = await device(browser, stack.baseURL, user.username, user.password);
  const page = app.page;
  await withoutAutofill(page);
  await virtualAuthenticator(page);
  await page.goto("/account");
  const dialog = confirmDialog(page);

  // Old: "Add a passkey" asks first, adds nothing, then goes on once the password confirms.
  await waitUntilOld(context);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(dialog).toBeVisible();
  // No passkey yet: the dialog offers the password alone.
  await expect(dialog.getByRole("button", { name: "Use a passkey" })).toHaveCount(0);
  await expect(page.getByTestId("passkey")).toHaveCount(0);
  await confirmItsYou(page, user.password);
  await expect(page.getByTestId("passkey")).toHaveCount(1);

  // Old again: "Remove" asks, and the passkey itself confirms.
  await page.reload();
  await waitUntilOld(context);
  await page.getByTestId("passkey").getByRole("button", { name: "Remove" }).click();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("passkey")).toHaveCount(1);
  await dialog.getByRole("button", { name: "Use a passkey" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("no-passkeys")).toBeVisible();

  // The confirmation is in the activity log, with its method.
  await page.reload();
  const confirmations = page.locator('[data-testid="activity-row"][data-kind="step_up"]');
  await expect(confirmations.filter({ hasText: "passkey" })).toHaveCount(1);
  await context.close();
});

test("the JSON endpoints answer 401 step_up_required when the sign-in is old", async ({
  browser,
}) => {
  const user = await newUser(browser, stack.baseURL, "pk-json");
  const { context } = await device(browser, stack.baseURL, user.username, user.password);
  await waitUntilOld(context);
  for (const answer of [
    await context.request.post("/api/account/passkeys/options"),
    await context.request.delete("/api/account/passkeys/AAAA"),
  ]) {
    expect(answer.status()).toBe(401);
    expect((await answer.json()).error).toBe("step_up_required");
  }
  // Renaming is not sensitive; listing neither.
  expect((await context.request.get("/api/account/passkeys")).status()).toBe(200);
  await context.close();
});
