import { openApp } from "./fixtures";
import { scriptsAroundSignIn } from "./support/scripts";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// /app's parts that signing the tab in does not need (components/after-sign-in.tsx): the browser
// loads their code, and renders them, once the connection has its first verdict.
// As carol, a demo account: sign-ups are limited per client, and the suite makes many.

const TICKET_PANEL = "Start with this ticket";

test.describe("what /app does not need to sign in", () => {
  test("is not in the page's HTML: the browser renders it after the sign-in", async ({
    browser,
  }) => {
    const { context } = await openApp(browser, "carol");
    const noScript = await browser.newContext({
      baseURL: workerStack().baseURL,
      storageState: await context.storageState(),
      javaScriptEnabled: false,
    });
    const page = await noScript.newPage();
    await page.goto("/app");
    // The shell is there; the ticket panel is not.
    await expect(page.getByTestId("connection-badge")).toBeVisible();
    await expect(page.getByRole("form", { name: "Send an event to a user" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Ticket first" })).toHaveCount(0);
    await noScript.close();
    await context.close();
  });

  test("loads after signin_success, and then works", async ({ browser }) => {
    const { context, app } = await openApp(browser, "carol");
    await app.page.reload();
    await app.expectSignedIn();
    await expect(app.page.getByRole("button", { name: "Get a ticket" })).toBeEnabled();
    await expect(app.online).toBeVisible();
    const scripts = await scriptsAroundSignIn(app.page);
    expect(scripts.before.some((text) => text.includes(TICKET_PANEL))).toBe(false);
    expect(scripts.after.some((text) => text.includes(TICKET_PANEL))).toBe(true);
    await app.startWithTicket();
    await app.expectSignedIn();
    await context.close();
  });

  test("loads when the sign-in is refused, without waiting for it to succeed", async ({
    browser,
  }) => {
    const { context, app } = await openApp(browser, "carol");
    await app.page.route("**/api/pusher/user-auth", (route) =>
      route.fulfill({
        status: 429,
        contentType: "application/json",
        body: JSON.stringify({ error: "rate_limited", message: "Too many requests." }),
      }),
    );
    await app.page.reload();
    await expect(app.notice).toBeVisible();
    await expect(app.badge).toHaveAttribute("data-signed-in", "false");
    await expect(app.page.getByRole("button", { name: "Get a ticket" })).toBeEnabled();
    await context.close();
  });

  test("loads after a few seconds when the sign-in has no verdict", async ({ browser }) => {
    const { context, app } = await openApp(browser, "carol");
    // The user-auth request is never answered.
    await app.page.route("**/api/pusher/user-auth", () => {});
    await app.page.reload();
    const button = app.page.getByRole("button", { name: "Get a ticket" });
    await expect(app.badge).toBeVisible();
    await expect(button).toHaveCount(0);
    await expect(button).toBeEnabled({ timeout: 10_000 });
    await expect(app.badge).toHaveAttribute("data-signed-in", "false");
    await context.close();
  });
});
