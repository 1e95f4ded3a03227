import { expect, type Locator, type Page } from "@playwright/test";
import { redirected, submitAndWait } from "./submit";

export class SignInPage {
  readonly alert: Locator;
  /** Named "Signing in…" and disabled while the form is pending. */
  readonly button: Locator;

  constructor(readonly page: Page) {
    this.alert = page.getByTestId("form-alert");
    this.button = page.getByRole("button", { name: "Sign in", exact: true });
  }

  async goto() {
    await this.page.goto("/sign-in");
  }

  /** Returns once the attempt is over: signed in, or refused and counted by the throttle. */
  async signIn(username: string, password: string) {
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Password").fill(password);
    const response = await submitAndWait(this.page, this.button);
    // A refusal shows the same alert as the one before: the form's end of pending tells instead.
    if (!redirected(response)) await expect(this.button).toBeEnabled();
  }
}
