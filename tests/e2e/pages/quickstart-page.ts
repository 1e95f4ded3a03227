import type { Locator, Page } from "@playwright/test";
import { AppPage } from "./app-page";

export class QuickstartPage {
  readonly alert: Locator;
  readonly signedInAs: Locator;
  readonly disabled: Locator;
  /** The realtime widgets are the same components as on /app. */
  readonly realtime: AppPage;

  constructor(readonly page: Page) {
    this.alert = page.getByTestId("form-alert");
    this.signedInAs = page.getByTestId("quickstart-user");
    this.disabled = page.getByTestId("service-auth-disabled");
    this.realtime = new AppPage(page);
  }

  async goto() {
    await this.page.goto("/quickstart");
  }

  async submit(action: "Start" | "Create user", username: string, password: string) {
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: action, exact: true }).click();
  }
}
