import { expect, test } from "../test";
import { openApp } from "./fixtures";

// The demo's part of authentication by your backend: the channel probe shows channel auth's
// verdicts, the staff room is for admins, and the lobby's presence is live.

test("the channel probe: alice may not subscribe to bob's private channel, bob may not join the staff room", async ({
  browser,
}) => {
  const alice = await openApp(browser, "alice");
  const bob = await openApp(browser, "bob");
  const bobId = await bob.app.userId();
  const aliceId = await alice.app.userId();

  await expect(await alice.app.probeChannel(`private-user-${bobId}`)).toHaveText(
    `Subscription error (403): You may not subscribe to private-user-${bobId}.`,
  );
  await expect(await alice.app.probeChannel(`private-user-${aliceId}`)).toHaveText(
    `Subscribed to private-user-${aliceId}.`,
  );
  await expect(await bob.app.probeChannel("presence-room-staff")).toHaveText(
    "Subscription error (403): You may not subscribe to presence-room-staff.",
  );
  // The room is for admins: alice is one.
  await expect(await alice.app.probeChannel("presence-room-staff")).toHaveText(
    "Subscribed to presence-room-staff.",
  );
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test("lobby presence shows both users, live", async ({ browser }) => {
  const alice = await openApp(browser, "alice");
  const bob = await openApp(browser, "bob");
  for (const { app } of [alice, bob]) {
    await expect(app.lobby.getByText("Alice", { exact: true })).toHaveText("Alice");
    await expect(app.lobby.getByText("Bob", { exact: true })).toHaveText("Bob");
  }
  await bob.context.close();
  await expect(alice.app.lobby.getByText("Bob", { exact: true })).toHaveCount(0);
  await alice.context.close();
});
