import { openApp, signUpUser } from "./fixtures";
import { expect, test } from "./test";

// The benchmark's floor page (app/(bench)) and the frame the other pages get from their route
// groups now that the root layout renders only the document.

test.describe("the benchmark's floor page", () => {
  test("signs a signed-in user's socket in with pusher-js alone, and shows nothing else", async ({
    browser,
  }) => {
    const user = await signUpUser(browser, "floor");
    const { context, app } = await openApp(browser, user.username, user.password);
    const page = app.page;
    const userAuth = page.waitForResponse((response) =>
      response.url().endsWith("/api/pusher/user-auth"),
    );
    await page.goto("/bench/floor");
    expect((await userAuth).status()).toBe(200);
    const badge = page.getByTestId("connection-badge");
    await expect(badge).toHaveAttribute("data-signed-in", "true");
    await expect(badge).toHaveText("Signed in");
    // Nothing of the site: no header, no navigation, no main column.
    await expect(page.getByRole("navigation")).toHaveCount(0);
    await expect(page.locator("header, main")).toHaveCount(0);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    const mark = await page.evaluate(
      () => performance.getEntriesByName("realtime:signin_success").length,
    );
    expect(mark).toBe(1);
    await context.close();
  });

  test("signs nobody in without a session: the user-auth endpoint refuses", async ({ page }) => {
    const userAuth = page.waitForResponse((response) =>
      response.url().endsWith("/api/pusher/user-auth"),
    );
    await page.goto("/bench/floor");
    expect((await userAuth).status()).toBe(401);
    await expect(page.getByTestId("connection-badge")).toHaveAttribute("data-signed-in", "false");
  });

  test("is linked from nowhere on the site", async ({ browser }) => {
    const user = await signUpUser(browser, "floor-links");
    const { context, app } = await openApp(browser, user.username, user.password);
    for (const pathname of ["/", "/app", "/account", "/quickstart"]) {
      await app.page.goto(pathname);
      await expect(app.page.getByRole("navigation")).toBeVisible();
      await expect(app.page.locator('a[href*="/bench"]')).toHaveCount(0);
    }
    await context.close();
  });
});

test("an unknown address answers 404 inside the site's frame", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Sign in" })).toBeVisible();
});
