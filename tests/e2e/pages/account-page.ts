import type { Page } from "@playwright/test";
import { submitAndWait } from "./submit";

export class AccountPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/account");
  }

  async signOutEverywhere() {
    await submitAndWait(this.page, this.page.getByRole("button", { name: "Sign out everywhere" }));
  }
}
