import type { Locator, Page } from "@playwright/test";
import { submitAndWait } from "./submit";

export class SignInPage {
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.alert = page.getByTestId("form-alert");
  }

  async goto() {
    await this.page.goto("/sign-in");
  }

  async signIn(username: string, password: string) {
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Password").fill(password);
    await submitAndWait(this.page, this.page.getByRole("button", { name: "Sign in" }));
  }
}
