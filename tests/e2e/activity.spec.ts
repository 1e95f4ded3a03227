import type { Locator, Page } from "@playwright/test";
import { INVALID_CREDENTIALS, openApp, signUpUser } from "./fixtures";
import { AdminPage } from "./pages/admin-page";
import { SignInPage } from "./pages/sign-in-page";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// The activity log: every authentication event of a user, on their /account ("Recent activity")
// and on /admin ("Activity", filtered by user and kind), with the approximate address and the
// browser each came from.

const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
/** The stack is reached on the loopback, which pages show as this machine, not as a prefix. */
const LOOPBACK = "this machine (localhost)";

function rows(page: Page, section: "Recent activity" | "Activity"): Locator {
  return page.getByRole("region", { name: section, exact: true }).getByTestId("activity-row");
}

/** Each row as "kind outcome[: reason]", newest first. */
async function events(list: Locator): Promise<string[]> {
  return list.evaluateAll((elements) =>
    elements.map((row) => {
      const kind = row.querySelector('[data-testid="activity-kind"]')?.textContent ?? "";
      const outcome = row.querySelector('[data-testid="activity-outcome"]')?.textContent ?? "";
      return `${kind} ${outcome}`;
    }),
  );
}

test("a user's Recent activity lists a failed and a successful sign-in, a ticket issued and exchanged, and a sign-out", async ({
  browser,
}) => {
  const user = await signUpUser(browser, "activity");
  const context = await browser.newContext({
    baseURL: workerStack().baseURL,
    userAgent: IPHONE_SAFARI,
  });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(user.username, "not-the-right-password");
  await expect(signIn.alert).toHaveText(INVALID_CREDENTIALS);

  const { app } = await openApp(browser, user.username, user.password, context);
  await expect(await app.startWithTicket()).toContainText(`Signed in as ${user.username}`);
  await app.signOut();

  const again = await openApp(browser, user.username, user.password, context);
  await again.app.page.goto("/account");
  const recent = rows(again.app.page, "Recent activity");
  await expect
    .poll(() => events(recent))
    .toEqual([
      "sign_in success",
      "sign_out success",
      "ticket_exchanged success",
      "ticket_issued success",
      "sign_in success",
      "sign_in failure: invalid_credentials",
      // The sign-up signed in too, in a browser of its own.
      "sign_in success",
    ]);
  // Every event of this phone's names it, and its address only approximately.
  for (const row of (await recent.all()).slice(0, 6)) {
    await expect(row.getByTestId("activity-browser")).toHaveText("Safari 17 on iOS 17.4");
    await expect(row.getByTestId("activity-address")).toHaveText(LOOPBACK);
  }
  // Nothing secret is shown: neither the password tried nor the ticket.
  const html = await again.app.page.content();
  expect(html).not.toContain("not-the-right-password");
  expect(html).not.toContain(user.password);
  await context.close();
});

test("alice filters /admin's Activity by user and kind, and sees a role change and a ban", async ({
  browser,
}) => {
  const user = await signUpUser(browser, "activity");
  const other = await signUpUser(browser, "activity");
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();
  await admin.act(user.username, "Make admin");
  await admin.act(user.username, "Ban");

  const page = alice.app.page;
  const activity = rows(page, "Activity");
  const region = page.getByRole("region", { name: "Activity", exact: true });
  await region.getByLabel("User").fill(user.username);
  await region.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]user=${user.username}(&|$)`));
  await expect
    .poll(() => events(activity))
    .toEqual(["ban success", "role_changed success", "sign_in success"]);
  await expect(activity.getByTestId("activity-user")).toHaveText([
    `@${user.username}`,
    `@${user.username}`,
    `@${user.username}`,
  ]);
  await expect(activity.first().getByTestId("activity-address")).toHaveText(LOOPBACK);
  await expect(activity.nth(1)).toContainText("admin");

  // By kind, for this user: the role change alone.
  await region.getByLabel("Kind").selectOption("role_changed");
  await region.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]kind=role_changed(&|$)/);
  await expect.poll(() => events(activity)).toEqual(["role_changed success"]);

  // By kind alone: the other user's sign-up is a sign_in, and there is no ban among sign-ins.
  await page.goto("/admin?kind=sign_in");
  await expect(activity.first()).toBeVisible();
  const kinds = await activity.evaluateAll((list) => list.map((row) => row.dataset.kind));
  expect(new Set(kinds)).toEqual(new Set(["sign_in"]));
  await page.goto(`/admin?kind=sign_in&user=${other.username}`);
  await expect.poll(() => events(activity)).toEqual(["sign_in success"]);
  await expect(activity.getByTestId("activity-user")).toHaveText(`@${other.username}`);
  await alice.context.close();
});

test("a hostile query string on /admin answers 200, ignores what it cannot read, and says so", async ({
  browser,
}) => {
  const alice = await openApp(browser, "alice");
  const page = alice.app.page;
  const script = "<script>alert(1)</script>";
  for (const [query, ignored] of [
    [`kind=${encodeURIComponent(script)}`, "the kind filter"],
    ["kind=sign_in&kind=ban", "the kind filter"],
    ["user=alice&user=bob", "the user filter"],
    [`user=${"a".repeat(5_000)}`, "the user filter"],
    [`user=${encodeURIComponent("x' or '1'='1")}&kind=%00`, "the user filter and the kind filter"],
  ] as const) {
    const response = await page.goto(`/admin?${query}`);
    expect(response?.status(), query.slice(0, 60)).toBe(200);
    await expect(page.getByTestId("activity-ignored")).toContainText(`Ignored ${ignored}`);
    // Unfiltered instead: the latest events of anyone, alice's own sign-in among them.
    await expect(rows(page, "Activity").first()).toBeVisible();
    expect(await page.content()).not.toContain(script);
  }
  // The same through the API request, without a browser: still no 500.
  const api = await alice.context.request.get(`/admin?kind=${encodeURIComponent(script)}&kind=x`);
  expect(api.status()).toBe(200);
  await alice.context.close();
});

test("a user's tickets are limited per minute, and their repeats are one row of Recent activity with a count", async ({
  browser,
}) => {
  const user = await signUpUser(browser, "tickets");
  const { context, app } = await openApp(browser, user.username, user.password);
  const answers: { status: number; retryAfter?: string; error?: string }[] = [];
  for (let index = 0; index < 40; index++) {
    const response = await context.request.post("/api/realtime/tickets");
    const body = await response.json();
    answers.push({
      status: response.status(),
      retryAfter: response.headers()["retry-after"],
      error: body.error,
    });
  }
  // TICKETS_PER_MINUTE_PER_USER's default: 30.
  expect(answers.slice(0, 30).every((answer) => answer.status === 200)).toBe(true);
  for (const refused of answers.slice(30)) {
    expect(refused).toMatchObject({ status: 429, error: "tickets_limited" });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
  }

  await app.page.goto("/account");
  const recent = rows(app.page, "Recent activity");
  // Thirty tickets of one web session: one row, not thirty.
  expect(await events(recent)).toEqual([
    "ticket_issued success",
    "sign_in success",
    "sign_in success",
  ]);
  await expect(recent.first().getByTestId("activity-count")).toHaveText("×30");
  await expect(recent.nth(1).getByTestId("activity-count")).toHaveCount(0);
  await context.close();
});
