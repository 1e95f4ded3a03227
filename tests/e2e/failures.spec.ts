import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext, WebSocket } from "@playwright/test";
import { userChannel } from "../../lib/channels/names";
import type { RealtimeObservation } from "../../lib/realtime/client/client";
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
import { hasTestSeam, testSeam } from "./support/test-seam";
import { expect, test } from "./test";

// What happens when a backing service or the app itself goes away, on stacks of their own.

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const userAuth = (request: APIRequestContext) =>
  request.post("/api/pusher/user-auth", { headers: FORM, data: "socket_id=1234.5678" });

/** What the realtime server posts when a user's channel gains its first socket, signed as it would. */
function userOnline(request: APIRequestContext, dataDir: string, userId: string) {
  const file = path.join(dataDir, "local-secrets.json");
  const { PUSHER_KEY, PUSHER_SECRET } = JSON.parse(readFileSync(file, "utf8"));
  const channel = userChannel.build({ userId });
  const body = JSON.stringify({
    time_ms: Date.now(),
    events: [{ name: "channel_occupied", channel }],
  });
  const signature = createHmac("sha256", PUSHER_SECRET).update(body).digest("hex");
  return request.post("/api/pusher/webhooks", {
    headers: {
      "content-type": "application/json",
      "x-pusher-key": PUSHER_KEY,
      "x-pusher-signature": signature,
    },
    data: Buffer.from(body),
  });
}

test("with the database unreachable, what needs it answers 503 JSON, and it recovers by itself", async ({
  browser,
}) => {
  // Its own app server and database: starting them takes most of the time on a loaded machine.
  test.setTimeout(180_000);
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
    const aliceId = await alice.app.userId();
    // Without REALTIME_TEST_SEAM a page hands no one its realtime client.
    expect(await hasTestSeam(alice.app.page)).toBe(false);
    expect((await userAuth(request)).status()).toBe(200);
    // Presence webhooks write the user's online state to the database.
    const online = await userOnline(request, dataDir, aliceId);
    expect(online.status()).toBe(200);
    expect(await online.json()).toEqual({ received: 1 });

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
    const webhook = await userOnline(request, dataDir, aliceId);
    expect(webhook.status()).toBe(503);
    expect(webhook.headers()["retry-after"]).toBe("5");
    expect(await webhook.json()).toMatchObject({ error: "service_unavailable" });
    const health = await request.get("/api/health");
    expect(health.status()).toBe(503);
    expect(await health.json()).toEqual({ ok: false, db: false, realtime: true });

    // The realtime server retries what it could not deliver: every retry is refused the same way,
    // and each failed connection lengthens the pool's wait before its next attempt.
    for (let retry = 0; retry < 10; retry++) {
      expect((await userOnline(request, dataDir, aliceId)).status()).toBe(503);
    }

    await proxy.restore();
    const restored = Date.now();
    // No restart: the next delivery is written as soon as the database answers again. What each
    // try answered is kept, so that a slow recovery says what it saw.
    const answers: string[] = [];
    await expect
      .poll(
        async () => {
          const started = Date.now();
          const answer = await userOnline(request, dataDir, aliceId);
          answers.push(`${answer.status()} in ${Date.now() - started} ms`);
          return answer.status();
        },
        { timeout: 30_000 },
      )
      .toBe(200)
      .catch((error: Error) => {
        const log = app.output().slice(-4000);
        throw new Error(
          `${error.message}\nanswers after the restore: ${answers.join("; ")}\napp log:\n${log}`,
        );
      });
    console.log(
      `[figure] the database's writes came back ${Date.now() - restored} ms after it did`,
    );
    expect(await (await request.get("/api/health")).json()).toEqual({
      ok: true,
      db: true,
      realtime: true,
    });
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
  const stack = await startExternalStack("keep", { REALTIME_TEST_SEAM: "1" });
  try {
    const context = await browser.newContext({ baseURL: stack.baseURL });
    const signUp = new SignUpPage(await context.newPage());
    // Every socket the tab opens to the realtime server (its path is /app/{key}), and the socket
    // id that the server gave each.
    const sockets: { socket: WebSocket; id?: string }[] = [];
    signUp.page.on("websocket", (socket) => {
      if (!new URL(socket.url()).pathname.startsWith("/app/")) return;
      const seen: { socket: WebSocket; id?: string } = { socket };
      sockets.push(seen);
      socket.on("framereceived", ({ payload }) => {
        const message = JSON.parse(String(payload));
        if (message.event === "pusher:connection_established")
          seen.id ??= JSON.parse(message.data).socket_id;
      });
    });
    await signUp.goto();
    const username = uniqueUsername("steady");
    await signUp.signUp({ username, password: "a-long-enough-password" });
    const page = new AppPage(signUp.page);
    await page.expectSignedIn();
    expect(sockets).toHaveLength(1);
    const [first] = sockets;
    expect(first?.id).toEqual(expect.any(String));

    await stack.restartApp();

    // The same socket, never dropped...
    await expect(page.badge).toHaveAttribute("data-state", "connected");
    await expect(page.badge).toHaveAttribute("data-signed-in", "true");
    expect(sockets).toHaveLength(1);
    expect(first?.socket.isClosed()).toBe(false);

    // ...on which the restarted app authorizes a channel: the tab's own, left and joined again.
    const channel = userChannel.build({ userId: await page.userId() });
    const seam = await testSeam(page.page);
    const observed = await seam.evaluate(async (client, name) => {
      const seen: RealtimeObservation[] = [];
      const stop = client.observe((observation) => seen.push(observation));
      const before = seen.length;
      client.leave(name);
      await new Promise<void>((resolve, reject) => {
        const joined = client.join(name, reject);
        joined.bind("pusher:subscription_succeeded", () => resolve());
      });
      stop();
      return seen.slice(before);
    }, channel);
    expect(observed).toEqual([
      expect.objectContaining({
        type: "http",
        step: "channel-auth",
        call: expect.objectContaining({ path: "/api/pusher/auth/batch", status: 200 }),
      }),
      expect.objectContaining({ type: "channel-authorized", channel, socketId: first?.id }),
    ]);

    // ...and which the restarted app's sendToUser reaches.
    const senderContext = await browser.newContext({ baseURL: stack.baseURL });
    const senderSignUp = new SignUpPage(await senderContext.newPage());
    await senderSignUp.goto();
    const sender = uniqueUsername("sender");
    await senderSignUp.signUp({ username: sender, password: "a-long-enough-password" });
    const senderApp = new AppPage(senderSignUp.page);
    await senderApp.expectSignedIn();
    const text = `after the restart ${uniqueUsername("event")}`;
    await senderApp.sendTo(username, text);
    await expect(page.inbox.getByText(`@${sender}: ${text}`)).toBeVisible();
    expect(sockets).toHaveLength(1);
    await Promise.all([context.close(), senderContext.close()]);
  } finally {
    await stack.stop();
  }
});
