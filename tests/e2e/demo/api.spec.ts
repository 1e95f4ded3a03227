import { createHash, createHmac } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { channelAuth } from "../support/channel-auth";
import { expect, test } from "../test";
import { openApp, stackSecrets } from "./fixtures";

// Channel auth for the demo's kinds, as pusher-js and attackers see it: rooms by their audience
// (rows in the rooms table), and each user's encrypted inbox, with the channel's own key.

type Signed = {
  id: string;
  inbox: string;
  request: APIRequestContext;
  close: () => Promise<void>;
};

let bob: Signed;
let alice: Signed;

test.beforeAll(async ({ browser }) => {
  const open = async (username: string): Promise<Signed> => {
    const { context, app } = await openApp(browser, username);
    return {
      id: await app.userId(),
      inbox: await app.inboxChannel(),
      request: context.request,
      close: () => context.close(),
    };
  };
  bob = await open("bob");
  alice = await open("alice");
});
test.afterAll(() => Promise.all([bob.close(), alice.close()]));

/** The app's signature of `text` for channel auth, as the realtime server checks it. */
function signed(text: string): string {
  const { PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
  return `${PUSHER_KEY}:${createHmac("sha256", PUSHER_SECRET).update(text).digest("hex")}`;
}

test("rooms: the lobby is everyone's, the staff room only admins', a room that does not exist nobody's", async () => {
  const lobby = await channelAuth(bob.request, "presence-room-lobby", "1.2");
  expect(lobby.status()).toBe(200);
  const member = await lobby.json();
  expect(JSON.parse(member.channel_data)).toEqual({
    user_id: bob.id,
    // The name only: presence shows every member to every other one, never a username.
    user_info: { name: "Bob" },
  });
  expect(member.auth).toBe(signed(`1.2:presence-room-lobby:${member.channel_data}`));

  for (const channel of ["presence-room-staff", "presence-room-no-such-room"]) {
    const refused = await channelAuth(bob.request, channel);
    expect(refused.status(), channel).toBe(403);
    expect(await refused.json()).toEqual({
      error: "channel_forbidden",
      message: `You may not subscribe to ${channel}.`,
    });
  }

  const staff = await channelAuth(alice.request, "presence-room-staff", "1.2");
  expect(staff.status()).toBe(200);
  const admin = await staff.json();
  expect(JSON.parse(admin.channel_data)).toMatchObject({ user_id: alice.id });
  expect(admin.auth).toBe(signed(`1.2:presence-room-staff:${admin.channel_data}`));
  const nowhere = await channelAuth(alice.request, "presence-room-no-such-room");
  expect(nowhere.status()).toBe(403);
});

test("the encrypted inbox: its owner gets the channel's own key, nobody else gets it", async () => {
  const { inbox } = bob;
  const own = await channelAuth(bob.request, inbox, "1.2");
  expect(own.status()).toBe(200);
  const { auth, shared_secret } = await own.json();
  expect(auth).toBe(signed(`1.2:${inbox}`));
  // The key pusher-js opens the channel's events with: derived from the master key for this
  // channel only, and never the master key itself.
  const key = Buffer.from(shared_secret, "base64");
  expect(key).toHaveLength(32);
  const master = Buffer.from(
    (stackSecrets() as unknown as Record<string, string>).PUSHER_ENCRYPTION_MASTER_KEY ?? "",
    "base64",
  );
  expect(master).toHaveLength(32);
  expect(key.equals(master)).toBe(false);
  expect(key.equals(createHash("sha256").update(inbox).update(master).digest())).toBe(true);

  const theirs = await channelAuth(alice.request, alice.inbox);
  expect(Buffer.from((await theirs.json()).shared_secret, "base64").equals(key)).toBe(false);

  // bob's inbox is his alone: an admin may not read it either.
  const refused = await channelAuth(alice.request, inbox);
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({
    error: "channel_forbidden",
    message: `You may not subscribe to ${inbox}.`,
  });
  expect(JSON.stringify(await refused.json())).not.toContain("shared_secret");
});
