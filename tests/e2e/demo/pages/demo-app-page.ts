import { expect, type Locator, type Page } from "@playwright/test";
import { AppPage } from "../../pages/app-page";

/** /app with the demo's widgets: the rooms, the lobby's presence, the probe and the inspector. */
export class DemoAppPage extends AppPage {
  readonly lobby: Locator;

  constructor(page: Page) {
    super(page);
    this.lobby = page.getByTestId("presence-lobby");
  }

  /** The user's encrypted inbox as this tab signed in (its name carries the channel epoch). */
  async inboxChannel(): Promise<string> {
    const inbox = this.page.getByTestId("inbox-channel");
    await expect(inbox).toHaveText(/^private-encrypted-inbox-/);
    return (await inbox.textContent()) ?? "";
  }

  room(slug: string): Locator {
    return this.page.getByTestId(`room-${slug}`);
  }

  /** Shows a room's tab: only the shown room is subscribed. */
  async openRoom(slug: string) {
    const tab = this.page.getByRole("tab", { name: `#${slug}` });
    await tab.click();
    await expect(tab).toHaveAttribute("aria-selected", "true");
    await expect(this.page.getByLabel(`Message #${slug}`)).toBeVisible();
  }

  async say(text: string, room = "lobby") {
    await this.page.getByLabel(`Message #${room}`).fill(text);
    await this.page.getByLabel(`Message #${room}`).press("Enter");
    await expect(this.room(room).getByText(text)).toBeVisible();
  }

  /** The inspector's steps, in the order this tab saw them. */
  async inspectorSteps(): Promise<string[]> {
    return this.page
      .getByTestId("inspector")
      .locator("li")
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-step") ?? ""));
  }

  async probeChannel(channel: string) {
    await this.page.getByLabel("Try a channel").fill(channel);
    await this.page.getByRole("button", { name: "Subscribe" }).click();
    return this.page.getByTestId("channel-verdict");
  }
}
