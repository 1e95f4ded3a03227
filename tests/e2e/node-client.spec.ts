import {
  createRealtimeClient,
  type RealtimeClient,
  RealtimeError,
} from "../../lib/realtime/client/client";
import { DEMO_PASSWORD, openApp, setServiceAuth, stackSecrets } from "./fixtures";
import { stackCapabilities as soketiCapabilities, ticketFor } from "./support/node-client";
import { kill, startSoketi } from "./support/soketi";
import { freePorts } from "./support/stack";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// lib/realtime/client/client.ts in Node: real pusher-js, no cookies, only the app key and a ticket.

const baseUrl = () => workerStack().baseURL;

/** The stack's bundled soketi, as the browser finds it, once the app answers. */
async function stackCapabilities() {
  const health = await fetch(`${baseUrl()}/api/health`);
  expect(health.ok).toBe(true);
  return soketiCapabilities({ timeoutMs: 5_000 });
}

/** How many times a client has started connecting, from now on. */
function attemptsOf(client: RealtimeClient): () => number {
  let attempts = 0;
  let previous = client.getSnapshot().state;
  client.subscribe(() => {
    const { state } = client.getSnapshot();
    if (state === "connecting" && previous !== "connecting") attempts++;
    previous = state;
  });
  return () => attempts;
}

async function rejection(promise: Promise<unknown>): Promise<RealtimeError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(RealtimeError);
  return error as RealtimeError;
}

test.describe("the realtime client in Node", () => {
  const clients: RealtimeClient[] = [];
  test.afterEach(() => {
    for (const client of clients.splice(0)) client.stop();
  });

  function client(appKey: string, capabilities: Awaited<ReturnType<typeof stackCapabilities>>) {
    const created = createRealtimeClient({ appKey, capabilities });
    clients.push(created);
    return created;
  }

  test("signs in with a ticket and receives events sent to the user", async ({ browser }) => {
    const { PUSHER_KEY } = stackSecrets();
    const node = client(PUSHER_KEY, await stackCapabilities());
    const user = await node.start(await ticketFor(browser, "carol"));
    expect(user.user_info).toMatchObject({ name: "Carol", username: "carol" });
    expect(user.user_info?.channel_epoch).toEqual(expect.any(Number));
    expect(node.getSnapshot()).toMatchObject({ state: "connected", error: null });

    const received = new Promise((resolve) => node.bindUser("notice", resolve));
    const bob = await openApp(browser, "bob");
    await bob.app.sendTo("carol", "to node");
    expect(await received).toMatchObject({ text: "to node", from: { username: "bob" } });
    await bob.context.close();
  });

  test("an app-server refusal rejects with its code and HTTP status", async () => {
    const { PUSHER_KEY } = stackSecrets();
    const node = client(PUSHER_KEY, await stackCapabilities());
    const error = await rejection(node.start("not.a-ticket"));
    expect(error).toMatchObject({ kind: "http", code: "ticket_malformed", status: 401 });
    expect(node.getSnapshot().error).toBe(error);
  });

  test("a realtime server that refuses the connection rejects with the close code", async () => {
    const node = client("unknown-app-key", await stackCapabilities());
    const error = await rejection(node.start());
    expect(error).toMatchObject({ kind: "refused", code: "connection_refused", status: 4001 });
  });

  test("no verdict in time rejects with a timeout", async ({ browser }) => {
    const { PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
    const ports = await freePorts();
    // This server knows the app but ignores sign-ins, so none is ever answered.
    const silent = await startSoketi({
      port: ports.soketiPort,
      metricsPort: ports.metricsPort,
      appId: "1",
      key: PUSHER_KEY,
      secret: PUSHER_SECRET,
      userAuthentication: false,
    });
    try {
      const capabilities = {
        ...(await stackCapabilities()),
        port: ports.soketiPort,
        timeoutMs: 2_000,
      };
      const node = client(PUSHER_KEY, capabilities);
      const error = await rejection(node.start(await ticketFor(browser, "carol")));
      expect(error).toMatchObject({ kind: "timeout", code: "timeout" });
    } finally {
      await kill(silent);
    }
  });

  test("keeps retrying on its own back-off while the realtime server is down", async ({
    browser,
  }) => {
    const { PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
    const ports = await freePorts();
    const capabilities = {
      ...(await stackCapabilities()),
      port: ports.soketiPort,
      timeoutMs: 30_000,
      retry: { firstMs: 100, maxMs: 200 },
    };
    const node = client(PUSHER_KEY, capabilities);
    const attempts = attemptsOf(node);
    const signedIn = node.start(await ticketFor(browser, "carol"));
    // Nothing listens on the port: pusher-js alone would sit in one attempt for 15 s.
    await expect.poll(attempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);

    const soketi = await startSoketi({
      port: ports.soketiPort,
      metricsPort: ports.metricsPort,
      appId: "1",
      key: PUSHER_KEY,
      secret: PUSHER_SECRET,
    });
    try {
      expect((await signedIn).user_info?.username).toBe("carol");

      // Down again: it retries until the app stops it, and then it stays stopped.
      const before = attempts();
      await kill(soketi);
      await expect.poll(attempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 3);
      node.stop();
      const stoppedAt = attempts();
      // A client on the same back-off, not stopped, keeps trying meanwhile: its fifth try comes
      // at least 350 ms after its first, past the 200 ms at most that the stopped one would wait.
      const control = client(PUSHER_KEY, capabilities);
      const controlAttempts = attemptsOf(control);
      control.start().catch(() => {}); // Nothing listens: it never gets a verdict.
      await expect.poll(controlAttempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
      expect(attempts()).toBe(stoppedAt);
      expect(node.getSnapshot().state).toBe("disconnected");
    } finally {
      await kill(soketi);
    }
  });
});

test.describe("service authentication from Node", () => {
  const clients: RealtimeClient[] = [];
  test.afterEach(() => {
    for (const client of clients.splice(0)) client.stop();
  });

  async function nodeClient() {
    const created = createRealtimeClient({
      appKey: stackSecrets().PUSHER_KEY,
      capabilities: await stackCapabilities(),
    });
    clients.push(created);
    return created;
  }

  test("signs in with only the app key and credentials, and can create a user", async () => {
    const node = await nodeClient();
    const user = await node.start({ username: "bob", password: DEMO_PASSWORD });
    expect(user.user_info).toMatchObject({ name: "Bob", username: "bob" });

    const fresh = await nodeClient();
    const username = `node-${Date.now().toString(36)}`;
    const ticket = await fresh.newUser({ username, password: "a-long-enough-password" });
    expect((await fresh.start(ticket)).user_info?.username).toBe(username);

    const wrong = await nodeClient();
    const error = await rejection(wrong.start({ username: "bob", password: "not-bobs-password" }));
    expect(error).toMatchObject({ kind: "http", code: "invalid_credentials", status: 401 });
  });

  test("rejects with service_auth_disabled while the switch is off", async ({ browser }) => {
    const node = await nodeClient();
    await node.start({ username: "carol", password: DEMO_PASSWORD });
    try {
      await setServiceAuth(browser, "off");
      await expect.poll(() => node.getSnapshot().state).toBe("disconnected");

      const again = await nodeClient();
      const error = await rejection(again.start({ username: "carol", password: DEMO_PASSWORD }));
      expect(error).toMatchObject({ kind: "http", code: "service_auth_disabled", status: 403 });
      const create = await rejection(
        again.newUser({ username: "never-made", password: "a-long-enough-password" }),
      );
      expect(create.code).toBe("service_auth_disabled");
      const reconnect = await rejection(node.reconnect());
      expect(reconnect.code).toBe("service_auth_disabled");
    } finally {
      await setServiceAuth(browser, "on");
    }
  });
});
