import PusherServer from "pusher";
import { freePort } from "../support/free-port";
import { openApp, setServiceAuth, signUpUser, stackSecrets, uniqueUsername } from "./fixtures";
import { stackClient } from "./support/node-client";
import { ProtocolSocket } from "./support/protocol-socket";
import { ENDS, endScene, rawSocketOf } from "./support/session-ends";
import { kill, startSoketi } from "./support/soketi";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// An end reaches every socket that the session authorized (README: "Credentials, and how each
// ends"). The bundled soketi runs through scripts/soketi/server.cjs: no private or presence
// subscription before a sign-in, and no sign-in after a terminate on a socket opened before it.

const REFUSED = "401 Sign in (pusher:signin) before subscribing to a private or presence channel.";

function server() {
  const { PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
  return new PusherServer({
    appId: PUSHER_APP_ID,
    key: PUSHER_KEY,
    secret: PUSHER_SECRET,
    host: "127.0.0.1",
    port: String(workerStack().soketiPort),
    useTLS: false,
  });
}
test("a socket with channel auth but no sign-in joins no private or presence channel, and is closed at the sign-in deadline", async ({
  browser,
}) => {
  const user = await signUpUser(browser, "unsigned");
  const { context, app } = await openApp(browser, user.username, user.password);
  const channels = [`private-user-${await app.userId()}`, "presence-online"];
  const socket = await ProtocolSocket.open();
  // Valid answers from the app, for this socket: refused until it signs in, accepted after.
  for (const channel of channels)
    expect(await socket.subscribe(context.request, channel)).toBe(REFUSED);
  expect(await socket.signIn(await socket.answer(context.request))).toBe("signed in");
  socket.frames.length = 0;
  for (const channel of channels)
    expect(await socket.subscribe(context.request, channel)).toBe("subscribed");
  socket.close();

  // The deadline, on a soketi of the stack's app that waits 1.5 s for a sign-in.
  const { PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
  const port = await freePort();
  const soketi = await startSoketi({
    port,
    metricsPort: await freePort(),
    appId: PUSHER_APP_ID,
    key: PUSHER_KEY,
    secret: PUSHER_SECRET,
    env: { SOKETI_USER_AUTHENTICATION_TIMEOUT: "1500" },
  });
  try {
    const late = await ProtocolSocket.open(port);
    expect(await late.subscribe(context.request, channels[0] ?? "")).toBe(REFUSED);
    await expect.poll(() => late.refusedWith, { timeout: 5_000 }).toBe(4009);
    expect(late.open).toBe(false);
  } finally {
    await kill(soketi);
    await context.close();
  }
});

for (const { name, admin: makeAdmin, end } of ENDS) {
  test(`${name}: the session's raw socket and pusher-js client are closed within 2 s`, {
    tag: "@latency",
  }, async ({ browser }) => {
    const scene = await endScene(browser, makeAdmin);
    await end(scene);
    await expect.poll(() => scene.raw.open, { timeout: 2_000 }).toBe(false);
    await expect
      .poll(() => scene.client.socket.connection.state, { timeout: 2_000 })
      .not.toBe("connected");
    await scene.close();
  });
}

for (const { name, admin: makeAdmin, survivor, end } of ENDS) {
  test(`${name}: the session's raw socket and pusher-js client are closed and get nothing after`, async ({
    browser,
  }) => {
    const scene = await endScene(browser, makeAdmin);
    const { a, b, alice, userId, raw, client, username } = scene;
    // A socket with the session's channel auth and no sign-in, and one that holds a sign-in
    // answer fetched before the end, to send after it.
    const unsigned = await ProtocolSocket.open();
    expect(await unsigned.subscribe(a.context.request, `private-user-${userId}`)).toBe(REFUSED);
    const waiting = await ProtocolSocket.open();
    const saved = await waiting.answer(a.context.request);
    const control = await ProtocolSocket.open();
    expect(await control.signIn(await control.answer(alice.context.request))).toBe("signed in");

    await end(scene);
    await expect.poll(() => raw.open).toBe(false);
    expect(raw.refusedWith).toBe(4009);
    await expect.poll(() => client.socket.connection.state).not.toBe("connected");
    expect(await waiting.signIn(saved)).toBe("refused 4009");

    const after = uniqueUsername("after");
    await alice.app.sendTo(username, after);
    await server().trigger(`private-user-${userId}`, "probe", { text: after });
    // Sent last: once alice's socket has it, what was sent before had its chance.
    await server().sendToUser(await alice.app.userId(), "marker", { text: after });
    await expect.poll(() => control.received(after)).toBe(true);
    for (const socket of [raw, unsigned, waiting]) expect(socket.received(after)).toBe(false);
    expect(client.received(after)).toBe(false);

    if (survivor) {
      // The device whose session lives on signs in again on a new socket, and receives.
      const device = survivor === "a" ? a : b;
      const again = await rawSocketOf(device.context.request, userId);
      const later = uniqueUsername("later");
      await alice.app.sendTo(username, later);
      await expect.poll(() => again.received(later)).toBe(true);
      again.close();
    }
    for (const socket of [unsigned, waiting, control]) socket.close();
    await scene.close();
  });
}

test("the service switch turned off: the service session's pusher-js client is closed and gets nothing after", async ({
  browser,
}) => {
  const user = await signUpUser(browser, "switch");
  const alice = await openApp(browser, "alice");
  const b = await openApp(browser, user.username, user.password);
  const userId = await b.app.userId();
  const service = stackClient();
  const seen: string[] = [];
  service.bindUser("notice", (data) => seen.push(String(JSON.stringify(data))));
  await service.start({ username: user.username, password: user.password });
  try {
    await setServiceAuth(browser, "off");
    await expect.poll(() => service.getSnapshot().state).not.toBe("connected");
    const after = uniqueUsername("after");
    await alice.app.sendTo(user.username, after);
    // The web device lives on: it signs in again on a new socket, and receives what follows.
    const again = await rawSocketOf(b.context.request, userId);
    await alice.app.sendTo(user.username, `${after}-later`);
    await expect.poll(() => again.received(`${after}-later`)).toBe(true);
    expect(seen.some((s) => s.includes(after))).toBe(false);
    again.close();
  } finally {
    service.stop();
    await setServiceAuth(browser, "on");
    await Promise.all([b.context.close(), alice.context.close()]);
  }
});

test("the service switch turned off: the service session's pusher-js client is closed within 2 s", {
  tag: "@latency",
}, async ({ browser }) => {
  const user = await signUpUser(browser, "switch");
  const service = stackClient();
  await service.start({ username: user.username, password: user.password });
  try {
    await setServiceAuth(browser, "off");
    await expect.poll(() => service.getSnapshot().state, { timeout: 2_000 }).not.toBe("connected");
  } finally {
    service.stop();
    await setServiceAuth(browser, "on");
  }
});
