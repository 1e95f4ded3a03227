import { expect, type Locator, type Page } from "@playwright/test";
import { submitAndWait } from "./submit";

export class AccountPage {
  readonly devices: Locator;

  constructor(readonly page: Page) {
    this.devices = page
      .getByRole("region", { name: "Devices" })
      .getByRole("list", { name: "Signed-in devices" })
      .getByTestId("device");
  }

  async goto() {
    await this.page.goto("/account");
  }

  async signOutEverywhere() {
    await submitAndWait(this.page, this.page.getByRole("button", { name: "Sign out everywhere" }));
  }

  /** The "Change password" form, filled and sent; resolves once the page says it changed. */
  async changePassword(current: string, next: string) {
    await this.fillPasswordChange(current, next);
    await expect(this.page.getByTestId("password-changed")).toBeVisible();
  }

  async fillPasswordChange(current: string, next: string) {
    const form = this.page.getByRole("region", { name: "Change password" });
    await form.getByLabel("Current password").fill(current);
    await form.getByLabel("New password").fill(next);
    await form.getByRole("button", { name: "Change password" }).click();
  }

  device(id: string): Locator {
    return this.page.locator(`[data-testid="device"][data-device-id="${id}"]`);
  }

  /** Presses the device's Sign out, and waits for the list without it: the action has run. */
  async signOutDevice(id: string) {
    await this.device(id).getByRole("button", { name: "Sign out" }).click();
    await expect(this.device(id)).toHaveCount(0);
  }

  /** Presses "Sign out all other devices", and waits for the list with this device alone. */
  async signOutOtherDevices() {
    await this.page.getByRole("button", { name: "Sign out all other devices" }).click();
    await expect(this.devices).toHaveCount(1);
  }
}
