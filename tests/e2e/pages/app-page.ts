import { expect, type Locator, type Page } from "@playwright/test";

export class AppPage {
  readonly badge: Locator;
  readonly notice: Locator;
  readonly inbox: Locator;
  /** "Online now": the core's presence channel, shown while the tab is signed in. */
  readonly online: Locator;

  constructor(readonly page: Page) {
    this.badge = page.getByTestId("connection-badge");
    this.notice = page.getByTestId("realtime-notice");
    this.inbox = page.getByTestId("inbox");
    this.online = page.getByTestId("presence-online");
  }

  async goto() {
    await this.page.goto("/app");
  }

  async expectSignedIn() {
    await expect(this.badge).toHaveAttribute("data-signed-in", "true", { timeout: 20_000 });
  }

  async userId(): Promise<string> {
    return (await this.page.getByTestId("user-id").textContent()) ?? "";
  }

  async sendTo(username: string, text: string) {
    const form = this.page.getByRole("form", { name: "Send an event to a user" });
    await form.getByLabel("Recipient").selectOption({ label: `@${username}` });
    await form.getByLabel("Message", { exact: true }).fill(text);
    await form.getByRole("button", { name: "Send" }).click();
    await expect(this.page.getByTestId("send-result")).toHaveText(`Sent to @${username}.`);
  }

  async startWithTicket(ticket?: string) {
    if (ticket === undefined) {
      await this.page.getByRole("button", { name: "Get a ticket" }).click();
      await expect(this.page.getByTestId("ticket-verdict")).toContainText("Ticket valid until");
    } else {
      await this.page.getByLabel("Ticket", { exact: true }).fill(ticket);
    }
    await this.page.getByRole("button", { name: "Start with this ticket" }).click();
    return this.page.getByTestId("ticket-verdict");
  }

  async ticketField(): Promise<string> {
    return this.page.getByLabel("Ticket", { exact: true }).inputValue();
  }

  /** Signs out and waits for the landing page, where the session cookie is gone. */
  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/$/);
    await expect(
      this.page.getByRole("banner").getByRole("link", { name: "Sign in" }),
    ).toBeVisible();
  }
}
