import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { openApp, uniqueUsername } from "./fixtures";
import { AppPage } from "./pages/app-page";
import { SignUpPage } from "./pages/sign-up-page";
import { createTestDatabase } from "./support/database";
import {
  freePorts,
  launch,
  portsEnv,
  startExternalStack,
  stopChild,
  waitForHealth,
} from "./support/stack";
import { startTcpProxy } from "./support/tcp-proxy";
import { expect, test } from "./test";

// What happens when a backing service or the app itself goes away, on stacks of their own.

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const userAuth = (request: APIRequestContext) =>
  request.post("/api/pusher/user-auth", { headers: FORM, data: "socket_id=1234.5678" });

test("with the database unreachable, what needs it answers 503 JSON, and it recovers by itself", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const database = await createTestDatabase();
  const proxy = await startTcpProxy({
    host: database.url.hostname,
    port: Number(database.url.port || 5432),
  });
  const proxied = new URL(database.url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(proxy.port);
  const ports = await freePorts();
  const dataDir = mkdtempSync(path.join(tmpdir(), "rtauth-db-down-"));
  const app = launch({ ...portsEnv(ports), DATA_DIR: dataDir, DATABASE_URL: proxied.toString() });
  const baseURL = `http://localhost:${ports.port}`;
  try {
    await waitForHealth(`${baseURL}/api/health`, app.child);
    const alice = await openApp(browser, "alice", undefined, await browser.newContext({ baseURL }));
    const { request } = alice.context;
    expect((await userAuth(request)).status()).toBe(200);

    const { userTicket } = await (await request.post("/api/realtime/tickets")).json();
    await proxy.cut();
    // What the revocation-aware cache can answer keeps working through the outage: the gate's
    // checks, and so user-auth and a ticket for the signed-in user...
    expect((await userAuth(request)).status()).toBe(200);
    expect((await request.post("/api/realtime/tickets")).status()).toBe(200);
    // ...and anything that needs the database gets a 503 with Retry-After, never a 500.
    const refused = await request.post("/api/pusher/user-auth", {
      headers: FORM,
      data: `socket_id=1234.5678&ticket=${userTicket}`,
    });
    expect(refused.status()).toBe(503);
    expect(refused.headers()["retry-after"]).toBe("5");
    expect(await refused.json()).toMatchObject({ error: "service_unavailable" });
    const credentials = { username: "alice", password: "correct-horse-battery-staple" };
    const signIn = await request.post("/api/realtime/service/sessions", { data: credentials });
    expect(signIn.status()).toBe(503);
    expect((await request.get("/api/rooms/lobby/messages")).status()).toBe(503);
    const health = await request.get("/api/health");
    expect(health.status()).toBe(503);
    expect(await health.json()).toEqual({ ok: false, db: false, realtime: true });

    await proxy.restore();
    await expect
      .poll(async () => (await request.get("/api/rooms/lobby/messages")).status(), {
        timeout: 30_000,
      })
      .toBe(200);
    await alice.context.close();
  } finally {
    await stopChild(app.child);
    await proxy.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("restarting the app server leaves the browsers' realtime connections up", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const stack = await startExternalStack("keep");
  try {
    const context = await browser.newContext({ baseURL: stack.baseURL });
    const signUp = new SignUpPage(await context.newPage());
    await signUp.goto();
    await signUp.signUp({ username: uniqueUsername("steady"), password: "a-long-enough-password" });
    const page = new AppPage(signUp.page);
    await page.expectSignedIn();
    const connections = page.page.getByTestId("inspector").locator('[data-step="connected"]');
    await expect(connections).toHaveCount(1);

    await stack.restartApp();

    // The same socket, never dropped, and the restarted app authorizes on it.
    await expect(page.badge).toHaveAttribute("data-state", "connected");
    await expect(connections).toHaveCount(1);
    const userId = await page.userId();
    await expect(await page.probeChannel(`private-encrypted-inbox-${userId}`)).toHaveText(
      `Subscribed to private-encrypted-inbox-${userId}.`,
    );
    await context.close();
  } finally {
    await stack.stop();
  }
});
