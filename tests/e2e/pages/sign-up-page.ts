import type { Page } from "@playwright/test";
import { submitAndWait } from "./submit";

export class SignUpPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/sign-up");
  }

  async signUp(fields: { username: string; password: string; name?: string }) {
    await this.page.getByLabel("Username").fill(fields.username);
    if (fields.name) await this.page.getByLabel("Display name").fill(fields.name);
    await this.page.getByLabel("Password").fill(fields.password);
    await submitAndWait(this.page, this.page.getByRole("button", { name: "Create account" }));
  }

  fieldError(field: "username" | "password" | "name") {
    return this.page.locator(`#${field}-error`);
  }
}
