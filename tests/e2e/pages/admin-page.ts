import { expect, type Locator, type Page } from "@playwright/test";
import { submitAndWait } from "./submit";

export class AdminPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/admin");
  }

  row(username: string): Locator {
    return this.page.getByTestId(`user-row-${username}`);
  }

  /** A ban or unban returns once the row shows it, so once it applies (see submitAndWait). */
  async act(username: string, action: "Disconnect" | "Ban" | "Unban") {
    const button = (name: string) => this.row(username).getByRole("button", { name, exact: true });
    await submitAndWait(this.page, button(action));
    if (action === "Ban") await expect(button("Unban")).toBeVisible();
    if (action === "Unban") await expect(button("Ban")).toBeVisible();
  }
}
