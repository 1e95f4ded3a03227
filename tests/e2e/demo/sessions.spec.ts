import type { APIRequestContext } from "@playwright/test";
import { answers, form, replay } from "../support/replay";
import { expect, test } from "../test";
import { cookieHeader, openApp } from "./fixtures";

// The demo's APIs end with the session too: a cookie copied before sign-out reads no history.

/** What each of the demo's APIs answers the cookie, by endpoint. */
function demoAnswers(client: APIRequestContext, inbox: string, otherId: string) {
  return answers({
    inboxAuth: client.post(
      "/api/pusher/auth",
      form({ socket_id: "1234.5678", channel_name: inbox }),
    ),
    lobbyAuth: client.post(
      "/api/pusher/auth",
      form({ socket_id: "1234.5678", channel_name: "presence-room-lobby" }),
    ),
    directMessages: client.get(`/api/direct-messages/${otherId}`),
    roomHistory: client.get("/api/rooms/lobby/messages"),
  });
}

test("after sign-out, the saved cookie gets 401 from the demo's APIs and channels too", async ({
  browser,
}) => {
  const carol = await openApp(browser, "carol");
  const alice = await openApp(browser, "alice");
  const [carolsInbox, aliceId] = [await carol.app.inboxChannel(), await alice.app.userId()];
  const stolen = await replay(await cookieHeader(carol.context));

  // The same cookie works while the session lives, so the refusals below are the sign-out's.
  expect(await demoAnswers(stolen, carolsInbox, aliceId)).toEqual({
    inboxAuth: "200",
    lobbyAuth: "200",
    directMessages: "200",
    roomHistory: "200",
  });

  await carol.app.signOut();

  expect(await demoAnswers(stolen, carolsInbox, aliceId)).toEqual({
    inboxAuth: "401 session_ended",
    lobbyAuth: "401 session_ended",
    directMessages: "401 session_ended",
    roomHistory: "401 session_ended",
  });
  await stolen.dispose();
  await Promise.all([carol.context.close(), alice.context.close()]);
});
