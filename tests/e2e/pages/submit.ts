import type { Locator, Page } from "@playwright/test";

/** Clicks a form's submit button and waits for the server action's answer. */
export async function submitAndWait(page: Page, button: Locator) {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    button.click(),
  ]);
}
