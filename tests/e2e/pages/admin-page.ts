import type { Locator, Page } from "@playwright/test";
import { submitAndWait } from "./submit";

export class AdminPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/admin");
  }

  row(username: string): Locator {
    return this.page.getByTestId(`user-row-${username}`);
  }

  async act(username: string, action: "Disconnect" | "Ban" | "Unban") {
    await submitAndWait(this.page, this.row(username).getByRole("button", { name: action }));
  }
}
