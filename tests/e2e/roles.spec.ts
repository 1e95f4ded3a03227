import type { Browser, WebSocket } from "@playwright/test";
import { openApp, signUpUser } from "./fixtures";
import { AdminPage } from "./pages/admin-page";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// Rights that change live: the admin role, granted and revoked on /admin, reaches the user's
// open tabs without a reload, because their connections are closed and sign in again by
// themselves, through channel auth that asks the policy with the new role.

/** A new user's tab on /app, whose sockets are recorded, and alice on /admin. */
async function roleScene(browser: Browser) {
  const user = await signUpUser(browser, "role");
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(await alice.context.newPage());
  await admin.goto();

  const sockets: WebSocket[] = [];
  const context = await browser.newContext({ baseURL: workerStack().baseURL });
  context.on("page", (page) =>
    page.on("websocket", (socket) => {
      if (new URL(socket.url()).pathname.startsWith("/app/")) sockets.push(socket);
    }),
  );
  const { app } = await openApp(browser, user.username, user.password, context);
  expect(sockets).toHaveLength(1);
  const close = () => Promise.all([context.close(), alice.context.close()]);
  return { user, alice, admin, sockets, context, app, close };
}

test("an admin grants and revokes the admin role; the user's tab signs in again with it", async ({
  browser,
}) => {
  const { user, alice, admin, sockets, context, app, close } = await roleScene(browser);
  expect((await context.request.get("/admin", { maxRedirects: 0 })).status()).toBe(403);

  await admin.act(user.username, "Make admin");
  await expect(admin.row(user.username)).toContainText(`@${user.username} · admin`);
  // The old socket is closed, and a new one signed in.
  await expect.poll(() => sockets[0]?.isClosed()).toBe(true);
  await expect.poll(() => sockets.length).toBe(2);
  await app.expectSignedIn();
  // The same cookie is an admin's now: no new sign-in.
  expect((await context.request.get("/admin", { maxRedirects: 0 })).status()).toBe(200);

  await admin.act(user.username, "Revoke admin");
  await expect(admin.row(user.username)).toContainText(`@${user.username} · user`);
  await expect.poll(() => sockets[1]?.isClosed()).toBe(true);
  await expect.poll(() => sockets.length).toBe(3);
  await app.expectSignedIn();
  expect((await context.request.get("/admin", { maxRedirects: 0 })).status()).toBe(403);

  // The tab's own channel came back: an event sent to the user still arrives.
  await alice.app.sendTo(user.username, "after the revocation");
  await expect(app.inbox.getByText("@alice: after the revocation")).toBeVisible();
  await close();
});

test("a role granted or revoked closes the user's socket within 2 s, and a new one signs in within 5 s", {
  tag: "@latency",
}, async ({ browser }) => {
  const { user, admin, sockets, close } = await roleScene(browser);
  // The bounds the README gives, from the admin's answer.
  await admin.act(user.username, "Make admin");
  await expect.poll(() => sockets[0]?.isClosed(), { timeout: 2_000 }).toBe(true);
  await expect.poll(() => sockets.length, { timeout: 5_000 }).toBe(2);
  await admin.act(user.username, "Revoke admin");
  await expect.poll(() => sockets[1]?.isClosed(), { timeout: 2_000 }).toBe(true);
  await expect.poll(() => sockets.length, { timeout: 5_000 }).toBe(3);
  await close();
});

test("a role change needs an admin, and a valid role naming another user", async ({ browser }) => {
  const user = await signUpUser(browser, "role");
  const { context, app } = await openApp(browser, user.username, user.password);
  // Not an admin: the page, so also its actions, are refused before anything is read.
  expect((await context.request.get("/admin", { maxRedirects: 0 })).status()).toBe(403);
  await app.page.goto("/admin");
  await expect(app.page.getByRole("button", { name: "Make admin" })).toHaveCount(0);
  await context.close();

  // An admin's own row has no buttons: nobody removes the last admin by accident.
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();
  await expect(admin.row("alice").getByRole("button")).toHaveCount(0);
  await expect(admin.row(user.username).getByRole("button", { name: "Make admin" })).toBeVisible();
  await alice.context.close();
});

test("an admin's own row is marked theirs, with their presence as their other tabs give it", async ({
  browser,
}) => {
  // An admin of this test's own: alice's presence is every spec's to change.
  const user = await signUpUser(browser, "self");
  const alice = await openApp(browser, "alice");
  await new AdminPage(alice.app.page).goto();
  await new AdminPage(alice.app.page).act(user.username, "Make admin");
  await alice.context.close();

  const { context, app } = await openApp(browser, user.username, user.password);
  const admin = new AdminPage(await context.newPage());
  await admin.goto();
  const row = admin.row(user.username);
  await expect(row.getByText("You", { exact: true })).toBeVisible();
  await expect(row.getByRole("button")).toHaveCount(0);
  // /admin opens no realtime connection: the tab on /app holds the user's one.
  const status = async () => {
    await admin.goto();
    return row.getByTestId("status").textContent();
  };
  await expect.poll(status, { timeout: 20_000 }).toBe("online (another tab or device)");
  await app.page.close();
  await expect.poll(status, { timeout: 20_000 }).toBe("not connected (this page opens none)");
  await context.close();
});
