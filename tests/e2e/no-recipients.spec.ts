import { DEMO_PASSWORD, openApp } from "./fixtures";
import { AdminPage } from "./pages/admin-page";
import { startStack } from "./support/stack";
import { expect, test } from "./test";

// A fresh deployment's first user has nobody to send an event to: /app says so, instead of a
// choice of recipients with nothing in it. On a stack of its own, where alice leaves herself
// alone by banning the other demo accounts (banned users receive nothing).

test("alone, /app says there is nobody to send to; with another user, the form is back", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const stack = await startStack();
  try {
    const context = await browser.newContext({ baseURL: stack.baseURL });
    const { app } = await openApp(browser, "alice", DEMO_PASSWORD, context);
    const admin = new AdminPage(await context.newPage());
    await admin.goto();
    await admin.act("bob", "Ban");
    await admin.act("carol", "Ban");

    await app.goto();
    const send = app.page.getByRole("region", { name: "Send an event to a user" });
    await expect(send.getByTestId("no-recipients")).toHaveText(/^No other users yet/);
    await expect(app.page.getByLabel("Recipient")).toHaveCount(0);

    await admin.act("bob", "Unban");
    await app.goto();
    await expect(app.page.getByTestId("no-recipients")).toHaveCount(0);
    await expect(app.page.getByLabel("Recipient").locator("option")).toHaveText(["@bob"]);
    await app.sendTo("bob", "no longer alone");
    await context.close();
  } finally {
    await stack.stop();
  }
});
