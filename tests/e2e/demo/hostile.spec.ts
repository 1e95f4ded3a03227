import fc from "fast-check";
import {
  expectRefusedCleanly,
  expectRepeatedRefused,
  FORM,
  formRequests,
  oddText,
  send,
  socketIds,
} from "../support/hostile-input";
import { expect, test } from "../test";
import { openApp, stackSecrets } from "./fixtures";

// Hostile channel auth for the demo's kinds: rooms (rows in the rooms table, the staff room for
// admins) and each user's encrypted inbox. No 5xx, every refusal JSON with a code, and nothing
// granted beyond the rules: what is granted carries bob's own member data or his inbox's own key.

let bob: { cookie: string; id: string; inbox: string };
let aliceId: string;
let close: () => Promise<void>;

test.beforeAll(async ({ browser }) => {
  const opened = await openApp(browser, "bob");
  const alice = await openApp(browser, "alice");
  const cookies = await opened.context.cookies();
  bob = {
    cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; "),
    id: await opened.app.userId(),
    inbox: await opened.app.inboxChannel(),
  };
  aliceId = await alice.app.userId();
  close = async () => {
    await Promise.all([opened.context.close(), alice.context.close()]);
  };
});
test.afterAll(() => close());

test("channel auth: 2,500 malformed requests for rooms and inboxes, no 5xx, nothing granted beyond the rules", async () => {
  test.setTimeout(300_000);
  const { inbox } = bob;
  // bob is no admin: the lobby and his own inbox, beside the core's own channels.
  const allowed = new Set([
    inbox,
    "presence-room-lobby",
    `private-user-${bob.id}`,
    "presence-online",
  ]);
  const channels = fc.oneof(
    oddText,
    fc.constantFrom(
      ...allowed,
      "presence-room-staff",
      "presence-room-no-such-room",
      "presence-room-LOBBY",
      "presence-room-",
      "private-room-lobby",
      "private-encrypted-room-lobby",
      `private-encrypted-inbox-${aliceId}.0`,
      `private-encrypted-inbox-${aliceId}`,
      `private-encrypted-inbox-${bob.id}`,
      `${inbox}0`,
      "private-encrypted-inbox-x",
      `private-inbox-${bob.id}`,
      `presence-inbox-${bob.id}`,
      `private-encrypted-inbox-${bob.id}-${aliceId}`,
    ),
    fc.string().map((suffix) => `presence-room-lobby${suffix}`),
    fc.string().map((suffix) => `presence-room-staff${suffix}`),
    fc.string().map((suffix) => `${inbox}${suffix}`),
  );
  const fields = { socket_id: socketIds, channel_name: channels, session: oddText };
  // Beside the malformed ones, well-formed forms, so that what is granted is seen often.
  const wellFormed = fc
    .record({ socket_id: fc.constantFrom("1234.5678", "1.2"), channel_name: channels })
    .map((form) => ({
      contentType: FORM,
      body: new URLSearchParams(form).toString(),
      headers: {} as Record<string, string>,
    }));
  const masterKey = Buffer.from(
    (stackSecrets() as unknown as Record<string, string>).PUSHER_ENCRYPTION_MASTER_KEY ?? "",
    "base64",
  );
  const granted = new Set<string>();
  await fc.assert(
    fc.asyncProperty(fc.oneof(formRequests(fields), wellFormed), async (input) => {
      const sent = await send("/api/pusher/auth", input, bob.cookie);
      expectRefusedCleanly(sent);
      if ("repeated" in input) expectRepeatedRefused(sent, input.repeated);
      if (sent.status !== 200) return;
      const channel = new URLSearchParams(input.body).get("channel_name") ?? "";
      expect(allowed.has(channel), `granted ${channel}`).toBe(true);
      granted.add(channel);
      const answer = JSON.parse(sent.body);
      if (channel === inbox) {
        const key = Buffer.from(answer.shared_secret, "base64");
        expect(key).toHaveLength(32);
        expect(key.equals(masterKey)).toBe(false);
      } else {
        expect(answer).not.toHaveProperty("shared_secret");
      }
      if (channel === "presence-room-lobby")
        expect(JSON.parse(answer.channel_data)).toMatchObject({ user_id: bob.id });
    }),
    { numRuns: 2_500 },
  );
  // The checks of what is granted ran, for the demo's kinds.
  expect(granted).toContain(inbox);
  expect(granted).toContain("presence-room-lobby");
});
