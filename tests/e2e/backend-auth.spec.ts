import { issueTicket } from "../../lib/credentials/ticket/format";
import { openApp, openTab, signUpUser, stackSecrets, uniqueUsername } from "./fixtures";
import { AdminPage } from "./pages/admin-page";
import { channelAuth, subscribeWith } from "./support/channel-auth";
import { expect, test } from "./test";

// Authentication by your backend, in real Chromium against the real soketi server.

test("signing in to the app signs the socket in to the realtime service", async ({ browser }) => {
  const { context, app } = await openApp(browser, "carol");
  await expect(app.badge).toHaveAttribute("data-state", "connected");
  await expect(app.badge).toContainText("signed in");
  await context.close();
});

test("an event bob sends to alice reaches both of her tabs and not his", async ({ browser }) => {
  const alice = await openApp(browser, "alice");
  const aliceSecondTab = await openTab(alice.context);
  const bob = await openApp(browser, "bob");

  const text = `hello ${uniqueUsername("msg")}`;
  await bob.app.sendTo("alice", text);

  for (const tab of [alice.app, aliceSecondTab]) {
    await expect(tab.inbox.getByText(`@bob: ${text}`)).toBeVisible();
  }
  await expect(bob.app.page.getByText("Nothing yet.")).toBeVisible();
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test("alice may not subscribe to bob's private channel", async ({ browser }) => {
  const alice = await openApp(browser, "alice");
  const bob = await openApp(browser, "bob");
  const bobId = await bob.app.userId();
  const aliceId = await alice.app.userId();
  // Her tab's own cookies, as a script in it or one that copied them would use them.
  const { request } = alice.context;

  const refused = await channelAuth(request, `private-user-${bobId}`);
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({
    error: "channel_forbidden",
    message: `You may not subscribe to private-user-${bobId}.`,
  });
  expect(await subscribeWith(request, `private-user-${bobId}`)).toBe("403 channel_forbidden");
  // Her own channel is granted, and the realtime server takes the app's signature for it.
  expect(await subscribeWith(request, `private-user-${aliceId}`)).toBe("subscribed");
  // bob may not have hers either.
  expect(await subscribeWith(bob.context.request, `private-user-${aliceId}`)).toBe(
    "403 channel_forbidden",
  );
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test("presence shows both users, live", async ({ browser }) => {
  const alice = await openApp(browser, "alice");
  const bob = await openApp(browser, "bob");
  for (const { app } of [alice, bob]) {
    await expect(app.online.getByText("Alice", { exact: true })).toHaveText("Alice");
    await expect(app.online.getByText("Bob", { exact: true })).toHaveText("Bob");
  }
  await bob.context.close();
  await expect(alice.app.online.getByText("Bob", { exact: true })).toHaveCount(0);
  await alice.context.close();
});

test("an admin disconnects bob; bob sees why and reconnects", async ({ browser }) => {
  const bob = await openApp(browser, "bob");
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();
  await expect(admin.row("bob").getByTestId("status")).toHaveText("online");

  await admin.act("bob", "Disconnect");
  await expect(bob.app.badge).toHaveAttribute("data-state", "disconnected");
  await expect(bob.app.notice).toHaveText(
    "Disconnected: An administrator closed this connection.Reconnect",
  );

  await bob.app.notice.getByRole("button", { name: "Reconnect" }).click();
  await bob.app.expectSignedIn();
  await expect(bob.app.notice).toHaveCount(0);
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test("a ban closes the user's connections, and their realtime session cannot come back", async ({
  browser,
}) => {
  const { username, password } = await signUpUser(browser, "banned");

  const user = await openApp(browser, username, password);
  const byTicket = await openTab(user.context);
  await expect(await byTicket.startWithTicket()).toHaveText(
    `Signed in as ${username} with the ticket.`,
  );
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();

  await admin.act(username, "Ban");
  for (const tab of [user.app, byTicket]) {
    await expect(tab.notice).toHaveAttribute("data-code", "user_banned");
    await expect(tab.notice).toContainText("Disconnected: This account is suspended.");
    await expect(tab.notice.getByRole("button", { name: "Reconnect" })).toHaveCount(0);
  }
  await Promise.all([alice.context.close(), user.context.close()]);
});

test("signing out closes the user's sockets in every tab, and each tab says why", async ({
  browser,
}) => {
  const carol = await openApp(browser, "carol");
  const otherTab = await openTab(carol.context);
  await carol.app.signOut();
  await expect(otherTab.notice).toHaveAttribute("data-code", "signed_out");
  await expect(otherTab.notice).toContainText(
    "Disconnected: You signed out in another tab or on another device.",
  );
  await carol.context.close();
});

test("start(ticket) signs in; tampered, expired and reused tickets are refused", async ({
  browser,
}) => {
  const { context, app } = await openApp(browser, "bob");

  await expect(await app.startWithTicket()).toHaveText("Signed in as bob with the ticket.");
  const used = await app.ticketField();
  await expect(await app.startWithTicket(used)).toContainText("Refused (ticket_used:");

  await app.page.getByRole("button", { name: "Get a ticket" }).click();
  await expect(app.page.getByTestId("ticket-verdict")).toContainText("Ticket valid until");
  const [payload = "", signature = ""] = (await app.ticketField()).split(".");
  const forged = JSON.parse(Buffer.from(payload, "base64url").toString());
  forged.identity.endpoint = "someone-else";
  const tampered = `${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
  await expect(await app.startWithTicket(tampered)).toContainText("Refused (ticket_tampered:");

  const { PUSHER_KEY: appKey, PUSHER_SECRET: secret } = stackSecrets();
  const expired = issueTicket(
    await app.userId(),
    { appKey, secret },
    { ttlSeconds: 60, flow: "backend", now: Date.now() - 120_000 },
  );
  await expect(await app.startWithTicket(expired.userTicket)).toContainText(
    "Refused (ticket_expired:",
  );
  await context.close();
});

test("the admin page shows who is online, kept by the realtime server's webhooks", async ({
  browser,
}) => {
  const { username, password } = await signUpUser(browser, "seen");

  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();

  const user = await openApp(browser, username, password);
  await expect(async () => {
    await admin.goto();
    await expect(admin.row(username).getByTestId("status")).toHaveText("online", { timeout: 500 });
  }).toPass();

  await user.context.close();
  await expect(async () => {
    await admin.goto();
    await expect(admin.row(username).getByTestId("status")).toHaveText("offline", { timeout: 500 });
  }).toPass();
  await expect(admin.row(username)).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  await alice.context.close();
});
