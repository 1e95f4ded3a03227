import type { Browser } from "@playwright/test";
import { testRedisUrl } from "../../services";
import { type Cluster, startCluster } from "../support/cluster";
import { createTestDatabase } from "../support/database";
import { expect, test } from "../test";
import { openApp, uniqueUsername } from "./fixtures";

// The chat on two soketi nodes on Redis and two app instances on PostgreSQL (npm run
// test:cluster). The core's cluster behaviour is in ../cluster.spec.ts.

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
async function on(browser: Browser, node: 0 | 1, username: string) {
  const context = await browser.newContext({ baseURL: cluster.apps[node] });
  return openApp(browser, username, cluster.password, context);
}

test("room presence and room messages span both nodes", async ({ browser }) => {
  const alice = await on(browser, 1, "alice");
  const bob = await on(browser, 0, "bob");
  for (const { app } of [alice, bob]) {
    await expect(app.lobby.getByText("Alice", { exact: true })).toBeVisible();
    await expect(app.lobby.getByText("Bob", { exact: true })).toBeVisible();
  }
  const text = `room ${uniqueUsername("nodes")}`;
  await bob.app.say(text);
  await expect(alice.app.room("lobby").getByText(text)).toBeVisible();
  await Promise.all([alice.context.close(), bob.context.close()]);
});
