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

  /**
   * A ban, an unban or a role change returns once the row shows it, so once it applies and its
   * connections were closed (see submitAndWait).
   */
  async act(
    username: string,
    action: "Disconnect" | "Ban" | "Unban" | "Make admin" | "Revoke admin",
  ) {
    const button = (name: string) => this.row(username).getByRole("button", { name, exact: true });
    await submitAndWait(this.page, button(action));
    const opposite: Record<typeof action, string | undefined> = {
      Disconnect: undefined,
      Ban: "Unban",
      Unban: "Ban",
      "Make admin": "Revoke admin",
      "Revoke admin": "Make admin",
    };
    const shown = opposite[action];
    if (shown) await expect(button(shown)).toBeVisible();
  }
}
