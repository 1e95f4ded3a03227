import type { Browser } from "@playwright/test";
import type { RealtimeObservation } from "@/lib/realtime/client/client-types";
import { AdminPage } from "../pages/admin-page";
import { channelAuth } from "../support/channel-auth";
import { testSeam } from "../support/test-seam";
import { expect, test } from "../test";
import { openApp, signUpUser, uniqueUsername } from "./fixtures";

// The staff room is for admins. A user whose admin role is revoked stops receiving it (within 2 s:
// the @latency test), without a reload, and cannot join it again; their other channels come back
// with nothing lost.

/** An admin's tab holding the staff room and the lobby, alice on /admin; what the tab observed. */
async function staffScene(browser: Browser) {
  const user = await signUpUser(browser, "staff");
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(await alice.context.newPage());
  await admin.goto();
  await admin.act(user.username, "Make admin");

  // The user's tab shows the lobby, and holds the staff room through the probe.
  const { context, app } = await openApp(browser, user.username, user.password);
  await expect(await app.probeChannel("presence-room-staff")).toHaveText(
    "Subscribed to presence-room-staff.",
  );
  const observations = await (await testSeam(app.page)).evaluateHandle((client) => {
    const seen: RealtimeObservation[] = [];
    client.observe((observation) => seen.push(observation));
    return seen;
  });
  const seen = (type: RealtimeObservation["type"]) =>
    observations.evaluate(
      (list, wanted) =>
        list.filter(
          (o) => o.type === wanted && "channel" in o && o.channel === "presence-room-staff",
        ).length,
      type,
    );
  await alice.app.openRoom("staff");
  await alice.app.say(`staff before ${uniqueUsername("m")}`, "staff");
  await expect.poll(() => seen("event")).toBeGreaterThan(0);
  await alice.app.openRoom("lobby");
  const close = () => Promise.all([context.close(), alice.context.close()]);
  return { user, alice, admin, context, app, seen, close };
}

test("a revoked admin leaves the staff room; the lobby comes back with nothing lost", async ({
  browser,
}) => {
  const { user, alice, admin, context, app, seen, close } = await staffScene(browser);
  await admin.act(user.username, "Revoke admin");
  // Sent while the user's tab signs in again: it must not be lost.
  const during = `lobby during ${uniqueUsername("m")}`;
  await alice.app.say(during);

  await expect.poll(() => seen("channel-refused")).toBe(1);
  const eventsBefore = await seen("event");
  expect((await channelAuth(context.request, "presence-room-staff")).status()).toBe(403);
  await expect(app.room("lobby").getByText(during)).toHaveCount(1);

  await alice.app.openRoom("staff");
  await alice.app.say(`staff after ${uniqueUsername("m")}`, "staff");
  await alice.app.openRoom("lobby");
  const lobbyAfter = `lobby after ${uniqueUsername("m")}`;
  await alice.app.say(lobbyAfter);
  await expect(app.room("lobby").getByText(lobbyAfter)).toHaveCount(1);
  // Sent before the lobby message that arrived: a staff event would be here by now.
  expect(await seen("event")).toBe(eventsBefore);
  await close();
});

test("a revoked admin's tab is refused the staff room within 2 s", {
  tag: "@latency",
}, async ({ browser }) => {
  const { user, admin, seen, close } = await staffScene(browser);
  await admin.act(user.username, "Revoke admin");
  await expect.poll(() => seen("channel-refused"), { timeout: 2_000 }).toBe(1);
  await close();
});
