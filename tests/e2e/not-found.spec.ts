import { existsSync, readFileSync } from "node:fs";
import { expect, test } from "./test";

// The benchmark's floor page (app/(bench)/bench/floor/page.bench.tsx) is a page only in the
// benchmark's own build (BENCH_FLOOR=1, next.config.ts); `npm run bench` checks it there.

test("a production build has no /bench/floor: the address answers 404", async ({ page }) => {
  // Not a notFound() at run time: the build holds no such route at all.
  const routes = JSON.parse(readFileSync(".next/app-path-routes-manifest.json", "utf8"));
  expect(Object.values(routes)).toContain("/app");
  expect(
    Object.values(routes),
    "the floor page is in .next: is it `npm run bench`'s build? `npm run build` makes a production one",
  ).not.toContain("/bench/floor");
  expect(existsSync(".next/server/app/(bench)")).toBe(false);

  const response = await page.goto("/bench/floor");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("an unknown address answers 404 inside the site's frame", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Sign in" })).toBeVisible();
});
