import { DEMO_PASSWORD, openApp } from "./fixtures";
import { AdminPage } from "./pages/admin-page";
import { COLOR_SCHEMES, expectAccessible } from "./support/axe";
import { expect, test } from "./test";

// The core's pages, as a visitor and as alice (the admin) sees them: axe finds nothing serious.
// A feature's widgets are checked by its own specs.

for (const colorScheme of COLOR_SCHEMES) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });
    // Each axe run takes seconds on a busy machine.
    test.describe.configure({ timeout: 120_000 });

    test("axe finds no serious or critical violation on the visitor's pages", async ({ page }) => {
      for (const path of ["/", "/sign-in", "/sign-up", "/quickstart"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectAccessible(page);
      }
    });

    test("axe finds no serious or critical violation on the signed-in pages", async ({
      browser,
      context,
    }) => {
      const { app } = await openApp(browser, "alice", DEMO_PASSWORD, context);
      const { page } = app;
      await expect(app.online.getByText("Alice", { exact: true })).toBeVisible();
      await expectAccessible(page);

      await page.goto("/account");
      await expect(page.getByRole("button", { name: "Sign out everywhere" })).toBeVisible();
      await expectAccessible(page);

      // alice is the admin.
      const admin = new AdminPage(page);
      await admin.goto();
      await expect(admin.row("alice")).toBeVisible();
      await expectAccessible(page);
    });
  });
}
