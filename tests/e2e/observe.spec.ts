import type {
  RealtimeClient,
  RealtimeError,
  RealtimeObservation,
} from "../../lib/realtime/client/client";
import type { Nacl } from "../../lib/realtime/client/encryption";
import { joined, stackClient, ticketFor } from "./support/node-client";
import { expect, test } from "./test";

// client.observe() and client.enableEncryption() in Node: real pusher-js against the stack's soketi
// and app, so the observations are those of a real sign-in and real channel authorizations. The
// core authorizes no encrypted channel: a feature that adds one checks it in its own specs.

test.describe("observing the realtime client", () => {
  const clients: RealtimeClient[] = [];
  test.afterEach(() => {
    for (const client of clients.splice(0)) client.stop();
  });

  function client() {
    const created = stackClient({ timeoutMs: 5_000 });
    clients.push(created);
    return created;
  }

  test("a listener added after sign-in is replayed the sign-in, without its secrets", async ({
    browser,
  }) => {
    const node = client();
    const ticket = await ticketFor(browser, "carol");
    const user = await node.start(ticket);

    const seen: RealtimeObservation[] = [];
    node.observe((observation) => seen.push(observation));
    expect(seen.map((o) => o.type)).toEqual(["connected", "http", "user-auth", "signed-in"]);
    const [connected, call, answer, signedIn] = seen;
    expect(call).toMatchObject({
      type: "http",
      step: "user-auth",
      call: { method: "POST", path: "/api/pusher/user-auth", status: 200 },
    });
    if (connected?.type !== "connected" || answer?.type !== "user-auth") throw new Error("order");
    // Exactly what was signed: the answer's session token is not among them.
    expect(Object.keys(answer).sort()).toEqual(["at", "auth", "socketId", "type", "user_data"]);
    expect(answer.socketId).toBe(connected.socketId);
    expect(JSON.parse(answer.user_data)).toMatchObject({ id: user.id });
    expect(signedIn).toMatchObject({ type: "signed-in", user });
    const text = JSON.stringify(seen);
    expect(text).not.toContain(ticket);
    expect(text).not.toContain('"session"');
  });

  test("without enableEncryption an encrypted channel is refused, and the app is not asked", async ({
    browser,
  }) => {
    const node = client();
    const user = await node.start(await ticketFor(browser, "carol"));
    // A private-encrypted- name of no kind the app knows: the client refuses before any policy.
    const channel = `private-encrypted-notes-${user.id}`;
    const seen: RealtimeObservation[] = [];
    node.observe((observation) => seen.push(observation));
    const before = seen.length;

    const refusal = await joined(node, channel).then(
      () => null,
      (error: RealtimeError) => error,
    );
    expect(refusal).toMatchObject({ kind: "http", code: "encryption_unavailable" });
    expect(refusal?.message).toContain("enableEncryption");
    // The app was not asked for an authorization that could not be used.
    expect(seen.slice(before)).toEqual([
      expect.objectContaining({ type: "channel-refused", channel, error: refusal }),
    ]);

    // With a loader, the same channel goes to the app, whose policy has no kind for it.
    let loads = 0;
    node.enableEncryption(async () => {
      loads++;
      return {} as Nacl;
    });
    const asked = seen.length;
    const forbidden = await joined(node, channel).then(
      () => null,
      (error: RealtimeError) => error,
    );
    expect(forbidden).toMatchObject({ kind: "http", code: "channel_forbidden", status: 403 });
    expect(seen.slice(asked)).toEqual([
      expect.objectContaining({
        type: "http",
        step: "channel-auth",
        call: expect.objectContaining({
          method: "POST",
          path: "/api/pusher/auth/batch",
          status: 200,
        }),
      }),
      expect.objectContaining({ type: "channel-refused", channel, error: forbidden }),
    ]);
    // The library loads while the app answers, once.
    expect(loads).toBe(1);
  });
});
