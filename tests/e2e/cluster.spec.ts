import type { Browser } from "@playwright/test";
import { testRedisUrl } from "../services";
import { INVALID_CREDENTIALS, openApp, uniqueUsername } from "./fixtures";
import { AdminPage } from "./pages/admin-page";
import { SignInPage } from "./pages/sign-in-page";
import { type Cluster, startCluster } from "./support/cluster";
import { createTestDatabase } from "./support/database";
import { ProtocolSocket } from "./support/protocol-socket";
import { expect, test } from "./test";

// Two soketi nodes on Redis and two app instances on PostgreSQL. A client on node B is reached
// by API calls that app 1 makes to node A, and both apps share throttles, bans and the switch.

test.describe.configure({ mode: "serial", timeout: 120_000 });

let cluster: Cluster;
let dropDatabase: () => Promise<void>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  cluster = await startCluster({ databaseUrl: database.url.toString(), redisUrl: testRedisUrl() });
});
test.afterAll(async () => {
  await cluster?.stop();
  await dropDatabase?.();
});

/** Signed in on app 1 (node A) or app 2 (node B). */
async function on(browser: Browser, node: 0 | 1, username: string, password = cluster.password) {
  const context = await browser.newContext({ baseURL: cluster.apps[node] });
  return openApp(browser, username, password, context);
}

test("sendToUser from node A reaches a client on node B", async ({ browser }) => {
  const alice = await on(browser, 1, "alice");
  const bob = await on(browser, 0, "bob");
  const text = `across ${uniqueUsername("nodes")}`;
  await bob.app.sendTo("alice", text);
  await expect(alice.app.inbox.getByText(`@bob: ${text}`)).toBeVisible();
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test("presence spans both nodes", async ({ browser }) => {
  const alice = await on(browser, 1, "alice");
  const bob = await on(browser, 0, "bob");
  for (const { app } of [alice, bob]) {
    await expect(app.online.getByText("Alice", { exact: true })).toBeVisible();
    await expect(app.online.getByText("Bob", { exact: true })).toBeVisible();
  }
  // Leaving on node A is seen on node B.
  await bob.context.close();
  await expect(alice.app.online.getByText("Bob", { exact: true })).toHaveCount(0);
  await alice.context.close();
});

test("terminate from node A closes a client on node B", async ({ browser }) => {
  const bob = await on(browser, 1, "bob");
  const alice = await on(browser, 0, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();
  await admin.act("bob", "Disconnect");
  await expect(bob.app.badge).toHaveAttribute("data-state", "disconnected");
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test("a terminate through node A bars a saved answer on node B; no node takes a subscription before a sign-in", async ({
  browser,
}) => {
  const bob = await on(browser, 1, "bob");
  const channel = `private-user-${await bob.app.userId()}`;
  for (const port of cluster.nodes) {
    const unsigned = await ProtocolSocket.open(port, cluster.key);
    expect(await unsigned.subscribe(bob.context.request, channel)).toMatch(/^401 Sign in/);
    unsigned.close();
  }
  const [, nodeB] = cluster.nodes;
  const signedIn = await ProtocolSocket.open(nodeB, cluster.key);
  expect(await signedIn.signIn(await signedIn.answer(bob.context.request))).toBe("signed in");
  const waiting = await ProtocolSocket.open(nodeB, cluster.key);
  const saved = await waiting.answer(bob.context.request);

  const alice = await on(browser, 0, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();
  await admin.act("bob", "Disconnect");
  // Node B has carried out the terminate once its signed-in socket is closed.
  await expect.poll(() => signedIn.open, { timeout: 2_000 }).toBe(false);
  expect(await waiting.signIn(saved)).toBe("refused 4009");
  // A socket opened after it signs in as before.
  const later = await ProtocolSocket.open(nodeB, cluster.key);
  expect(await later.signIn(await later.answer(bob.context.request))).toBe("signed in");
  expect(await later.subscribe(bob.context.request, channel)).toBe("subscribed");
  later.close();
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test("throttling counters are shared by the app instances", async ({ browser }) => {
  const contexts = await Promise.all(
    cluster.apps.map((baseURL) => browser.newContext({ baseURL })),
  );
  const [first, second] = await Promise.all(
    contexts.map(async (context) => new SignInPage(await context.newPage())),
  );
  if (!first || !second) throw new Error("two contexts expected");
  await first.goto();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await first.signIn("carol", `wrong-password-${attempt}`);
    await expect(first.alert).toHaveText(INVALID_CREDENTIALS);
  }
  await second.goto();
  await second.signIn("carol", cluster.password);
  await expect(second.alert).toContainText("Too many failed attempts");
  await Promise.all(contexts.map((context) => context.close()));
});

test("a ban and the service switch set on one instance apply on the other", async ({
  browser,
  request,
}) => {
  const username = uniqueUsername("shared");
  const created = await request.post(`${cluster.apps[1]}/api/realtime/service/users`, {
    data: { username, password: "a-long-enough-password" },
  });
  // Off by default with an external realtime server: switched on below, through app 1.
  expect(created.status()).toBe(403);

  const alice = await on(browser, 0, "alice");
  await alice.app.page.goto("/admin");
  await alice.app.page.getByRole("button", { name: "Turn on" }).click();
  await expect(alice.app.page.getByTestId("service-auth-state")).toHaveText(
    "Service authentication: on",
  );
  const made = await request.post(`${cluster.apps[1]}/api/realtime/service/users`, {
    data: { username, password: "a-long-enough-password" },
  });
  expect(made.status()).toBe(201);

  const user = await on(browser, 1, username, "a-long-enough-password");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();
  await admin.act(username, "Ban");
  const refused = await user.context.request.post("/api/pusher/user-auth", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: "socket_id=1234.5678",
  });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: "user_banned" });
  await Promise.all([alice.context.close(), user.context.close()]);
});
