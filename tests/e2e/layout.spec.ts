import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, openApp } from "./fixtures";
import { AdminPage } from "./pages/admin-page";
import { buttonEdges, clippedCells, documentOverflow } from "./support/layout";
import { expect, test } from "./test";

// The core's pages at a phone's width and a desktop's: nothing reaches past the window, every
// table cell is read in full (no column cut off behind a sideways scroll), and /admin's buttons
// end at their row's right edge, on every row alike. Measured rather than screenshotted: fonts
// differ from one machine to the next, and a picture would fail on those, not on the layout.

const VIEWPORTS = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  { name: "desktop", viewport: { width: 1280, height: 800 } },
] as const;

async function expectLaidOut(page: Page) {
  const path = new URL(page.url()).pathname;
  expect(await documentOverflow(page), `${path} scrolls sideways by`).toBe(0);
  expect(await clippedCells(page.locator("main")), `${path}: cells not read in full`).toEqual([]);
}

for (const { name, viewport } of VIEWPORTS) {
  test.describe(`at a ${name}'s width (${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport });

    test("the home page fits the window", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectLaidOut(page);
    });

    test("/app, /account and /admin fit the window, with every table cell in full", async ({
      browser,
      context,
    }) => {
      // alice: the admin, and the account that every spec signs in, so her tables are long.
      const { app } = await openApp(browser, "alice", DEMO_PASSWORD, context);
      const { page } = app;
      await expect(app.online.getByText("Alice", { exact: true })).toBeVisible();
      await expectLaidOut(page);

      await page.goto("/account");
      const recent = page.getByRole("region", { name: "Recent activity", exact: true });
      await expect(recent.getByTestId("activity-row").first()).toBeVisible();
      await expectLaidOut(page);

      const admin = new AdminPage(page);
      await admin.goto();
      const activity = page.getByRole("region", { name: "Activity", exact: true });
      await expect(activity.getByTestId("activity-row").first()).toBeVisible();
      await expect(admin.row("bob")).toBeVisible();
      await expectLaidOut(page);
    });

    test("/admin's buttons end at their row's right edge, on every row", async ({
      browser,
      context,
    }) => {
      const { app } = await openApp(browser, "alice", DEMO_PASSWORD, context);
      const admin = new AdminPage(app.page);
      await admin.goto();
      await expect(admin.row("bob").getByRole("button", { name: "Disconnect" })).toBeVisible();
      const edges = await buttonEdges(app.page.locator('[data-testid^="user-row-"]'));
      // bob and carol at least; alice's own row has none.
      expect(edges.length).toBeGreaterThanOrEqual(2);
      const astray = edges.filter((edge) => !edge.inside || Math.abs(edge.gap) > 1);
      expect(astray, "rows whose buttons are not at their right edge").toEqual([]);
      const ends = edges.map((edge) => edge.end);
      expect(Math.max(...ends) - Math.min(...ends), "the buttons' right edges differ by").toBe(0);
    });
  });
}
