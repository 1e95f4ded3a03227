import { inboxOf } from "@/demo/lib/chat/channel-names";
import type {
  RealtimeClient,
  RealtimeError,
  RealtimeObservation,
} from "@/lib/realtime/client/client";
import { joined, stackClient, ticketFor } from "../support/node-client";
import { expect, test } from "../test";

// client.enableEncryption() in Node on the demo's encrypted inbox, which the app authorizes: real
// pusher-js against the stack's soketi and app. The core's observations are in ../observe.spec.ts.

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

  test("an encrypted channel needs enableEncryption; its secret is not observed", async ({
    browser,
  }) => {
    const node = client();
    const user = await node.start(await ticketFor(browser, "carol"));
    const inbox = inboxOf({ id: user.id, channelEpoch: user.user_info?.channel_epoch ?? -1 });
    const seen: RealtimeObservation[] = [];
    node.observe((observation) => seen.push(observation));
    const before = seen.length;

    const refusal = await joined(node, inbox).then(
      () => null,
      (error: RealtimeError) => error,
    );
    expect(refusal).toMatchObject({ kind: "http", code: "encryption_unavailable" });
    expect(refusal?.message).toContain("enableEncryption");
    // The app was not asked for an authorization that could not be used.
    expect(seen.slice(before)).toEqual([
      expect.objectContaining({ type: "channel-refused", channel: inbox, error: refusal }),
    ]);

    node.enableEncryption(() => import("tweetnacl").then((m) => m.default));
    await joined(node, inbox);
    const authorized = seen.find((o) => o.type === "channel-authorized");
    expect(authorized).toMatchObject({ channel: inbox, socketId: expect.any(String) });
    expect(Object.keys(authorized ?? {})).not.toContain("shared_secret");
    expect(JSON.stringify(seen)).not.toContain("shared_secret");
  });
});
