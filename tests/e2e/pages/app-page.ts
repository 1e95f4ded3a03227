import type { Locator, Page } from "@playwright/test";

export class AppPage {
  readonly badge: Locator;

  constructor(readonly page: Page) {
    this.badge = page.getByTestId("connection-badge");
  }

  async goto() {
    await this.page.goto("/app");
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
  }
}
