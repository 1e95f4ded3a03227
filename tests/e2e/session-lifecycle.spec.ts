import { type APIRequestContext, type APIResponse, type Browser, request } from "@playwright/test";
import { DEMO_PASSWORD, openApp, uniqueUsername } from "./fixtures";
import { QuickstartPage } from "./pages/quickstart-page";
import { type Stack, startStack } from "./support/stack";
import { expect, test } from "./test";

// Expiry and rotation, on a stack of its own with test-only timeouts: a realtime session idles
// out after 6 s unused and lives 30 s at most; the token rotated out last answers once within
// 2 s; web sessions last 20 s and follow the cookie after 2 s; the sweeper runs every second.

const IDLE_SECONDS = 6;
const MAX_AGE_SECONDS = 30;
const GRACE_SECONDS = 2;
const KEY = "realtime-session";
const SOCKET_ID = "1234.5678";

let stack: Stack;
let api: APIRequestContext;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStack({
    env: {
      REALTIME_SESSION_IDLE_SECONDS: String(IDLE_SECONDS),
      REALTIME_SESSION_MAX_AGE_SECONDS: String(MAX_AGE_SECONDS),
      REALTIME_TOKEN_GRACE_SECONDS: String(GRACE_SECONDS),
      SESSION_SWEEP_SECONDS: "1",
      WEB_SESSION_MAX_AGE_SECONDS: "20",
      WEB_SESSION_UPDATE_AGE_SECONDS: "2",
    },
  });
  api = await request.newContext({ baseURL: stack.baseURL });
});

test.afterAll(async () => {
  await api?.dispose();
  await stack?.stop();
});

/** A new user, signed in on /quickstart by the service flow, in a context of its own. */
async function quickstartUser(browser: Browser) {
  const context = await browser.newContext({ baseURL: stack.baseURL });
  const quickstart = new QuickstartPage(await context.newPage());
  const username = uniqueUsername("life");
  await quickstart.goto();
  await quickstart.submit("Create user", username, DEMO_PASSWORD);
  await expect(quickstart.signedInAs).toHaveText(
    `Signed in to the realtime service as @${username}`,
  );
  return { context, quickstart, username };
}

/** The token this tab keeps in sessionStorage. */
async function savedToken(quickstart: QuickstartPage): Promise<string> {
  const saved = await quickstart.page.evaluate((key) => sessionStorage.getItem(key), KEY);
  return (JSON.parse(saved ?? "{}") as { session?: string }).session ?? "";
}

/** rts_{id}.{generation}.{signature} */
function generationOf(token: string): number {
  return Number(token.split(".")[1]);
}

/** A session token of a new user, from the service flow over plain HTTP, as a Node client would. */
async function nodeSession(): Promise<string> {
  const username = uniqueUsername("node");
  const created = await api.post("/api/realtime/service/users", {
    data: { username, password: DEMO_PASSWORD },
  });
  expect(created.status()).toBe(201);
  const { userTicket } = await created.json();
  const signedIn = await api.post("/api/pusher/user-auth", {
    form: { socket_id: SOCKET_ID, ticket: userTicket },
  });
  expect(signedIn.status()).toBe(200);
  return (await signedIn.json()).session;
}

/** "{status} {reason}" of a refusal, or the status alone. */
async function refusal(response: APIResponse): Promise<string> {
  const body = await response.json().catch(() => ({}));
  return `${response.status()} ${body.reason ?? ""}`.trim();
}

/** Channel auth for the core's presence channel, which every signed-in user may join. */
const channelAuth = (session: string) =>
  api.post("/api/pusher/auth", {
    form: { socket_id: SOCKET_ID, channel_name: "presence-online", session },
  });

const rotate = (session: string) =>
  api.post("/api/realtime/sessions/rotate", { form: { session } });
const signIn = (session: string) =>
  api.post("/api/pusher/user-auth", { form: { socket_id: SOCKET_ID, session } });

/** The kinds of `username`'s latest events, as /admin's Activity lists them. */
async function activityOf(browser: Browser, username: string, kind: string): Promise<string[]> {
  const context = await browser.newContext({ baseURL: stack.baseURL });
  const { app } = await openApp(browser, "alice", DEMO_PASSWORD, context);
  await app.page.goto(`/admin?user=${username}&kind=${kind}`);
  const rows = app.page
    .getByRole("region", { name: "Activity", exact: true })
    .getByTestId("activity-row");
  const found = await rows.evaluateAll((elements) =>
    elements.map((row) => {
      const text = (id: string) => row.querySelector(`[data-testid="${id}"]`)?.textContent ?? "";
      return `${text("activity-kind")} ${text("activity-outcome")}`;
    }),
  );
  await context.close();
  return found;
}

test("each sign-in and each rotation answers the next token; an open tab rotates before the idle timeout", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, quickstart, username } = await quickstartUser(browser);
  const first = await savedToken(quickstart);
  expect(first).toMatch(/^rts_[0-9a-f-]{36}\.\d+\.[A-Za-z0-9_-]{43}$/);

  // Connected, the tab rotates every third of the idle timeout: the saved token moves on.
  await expect
    .poll(() => savedToken(quickstart).then(generationOf))
    .toBeGreaterThan(generationOf(first));
  // A reload signs in with the saved token: that answer carries the next one.
  const beforeReload = await savedToken(quickstart);
  await quickstart.page.reload();
  await quickstart.realtime.expectSignedIn();
  await expect
    .poll(() => savedToken(quickstart).then(generationOf))
    .toBeGreaterThan(generationOf(beforeReload));

  // Twice the idle timeout later the tab is still signed in: using it kept it alive. A session
  // left unused, started after the tab's, measures each timeout on the server's clock.
  for (let timeout = 0; timeout < 2; timeout++) {
    const unused = await nodeSession();
    await expect
      .poll(() => channelAuth(unused).then(refusal), { timeout: 20_000 })
      .toBe("401 session_expired");
  }
  await expect(quickstart.realtime.badge).toHaveAttribute("data-signed-in", "true");
  await expect(quickstart.realtime.notice).toHaveCount(0);
  expect(generationOf(await savedToken(quickstart))).toBeGreaterThanOrEqual(
    generationOf(beforeReload) + 3,
  );
  await context.close();

  // Rotations are routine: the activity log keeps their anomalies (reuse, expiry), not each one.
  expect(await activityOf(browser, username, "session_rotated")).toEqual([]);
  expect(await activityOf(browser, username, "ticket_exchanged")).toEqual([
    "ticket_exchanged success",
  ]);
});

test("the token rotated out last answers the current one again, once, within the grace; never a third time", async () => {
  const first = await nodeSession();
  const answer = await rotate(first);
  expect(answer.status()).toBe(200);
  const second = (await answer.json()).session as string;
  expect(generationOf(second)).toBe(generationOf(first) + 1);
  expect((await answer.json()).session_refresh_ms).toBe((IDLE_SECONDS * 1000) / 3);

  // The answer was "lost": the client presents the old token again, and gets the same new one.
  const retried = await rotate(first);
  expect(retried.status()).toBe(200);
  expect((await retried.json()).session).toBe(second);

  // A second time is not a lost answer: someone else holds the token. The session ends.
  const replayed = await rotate(first);
  expect(replayed.status()).toBe(401);
  expect(await replayed.json()).toMatchObject({ error: "session_ended", reason: "session_reused" });
  // The current token ended with it: neither holder can go on.
  const current = await signIn(second);
  expect(current.status()).toBe(401);
  expect(await current.json()).toMatchObject({ error: "session_ended", reason: "session_reused" });
});

test("channel auth takes the token rotated out within the grace, and after it counts it as reuse, even where it was cached", async () => {
  const first = await nodeSession();
  // Channel auth with the current token: the app remembers the session as it is now.
  expect((await channelAuth(first)).status()).toBe(200);
  const second = (await (await rotate(first)).json()).session as string;
  expect((await channelAuth(first)).status()).toBe(200); // Within the grace.
  expect((await channelAuth(second)).status()).toBe(200);
  // Another session rotated after this one: once its old token counts as reuse, so does this one.
  const other = await nodeSession();
  expect((await rotate(other)).status()).toBe(200);
  await expect.poll(() => channelAuth(other).then(refusal)).toBe("401 session_reused");
  const late = await channelAuth(first);
  expect(late.status()).toBe(401);
  expect(await late.json()).toMatchObject({ error: "session_ended", reason: "session_reused" });
  expect((await channelAuth(second)).status()).toBe(401);
});

test("an older token replayed from Node ends the session at once, and closes the tab's socket with session_reused", async ({
  browser,
}) => {
  const { context, quickstart, username } = await quickstartUser(browser);
  const stolen = await savedToken(quickstart);
  // When each socket of the tab closed: the one opened after the reload must close after the replay.
  const closedAt: (number | undefined)[] = [];
  quickstart.page.on("websocket", (socket) => {
    const index = closedAt.push(undefined) - 1;
    socket.on("close", () => {
      closedAt[index] = Date.now();
    });
  });
  await quickstart.page.reload();
  await quickstart.realtime.expectSignedIn();
  // Two rotations later the stolen token is not the one rotated out last: no grace covers it.
  await expect
    .poll(() => savedToken(quickstart).then(generationOf))
    .toBeGreaterThanOrEqual(generationOf(stolen) + 2);

  const replayedAt = Date.now();
  const replay = await signIn(stolen);
  expect(replay.status()).toBe(401);
  expect(await replay.json()).toMatchObject({ error: "session_ended", reason: "session_reused" });

  // Within 2 s: latency.spec.ts.
  await expect(quickstart.realtime.notice).toHaveAttribute("data-session-end", "session_reused");
  await expect(quickstart.realtime.notice).toContainText("an old copy of its token was used");
  await expect(quickstart.realtime.badge).toHaveAttribute("data-signed-in", "false");
  await expect.poll(() => closedAt.at(-1)).toBeGreaterThanOrEqual(replayedAt);

  // What the tab holds now is dead too: a reload falls back to the form.
  await quickstart.page.reload();
  await expect(quickstart.alert).toContainText("Your session could not be resumed");
  await expect(quickstart.page.getByLabel("Password")).toBeVisible();
  await context.close();

  expect(await activityOf(browser, username, "session_reused")).toEqual(["session_reused failure"]);
});

test("a session left idle while its socket is open is closed by the server within seconds, as session_expired", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const { context, quickstart, username } = await quickstartUser(browser);
  // The tab cannot reach the rotation endpoint any more (asleep, or offline for HTTP only).
  await quickstart.page.route("**/api/realtime/sessions/rotate", (route) => route.abort());
  const idleFrom = Date.now();
  await expect(quickstart.realtime.notice).toHaveAttribute("data-session-end", "session_expired", {
    timeout: (IDLE_SECONDS + 5) * 1000,
  });
  // Not before it was due: the rotation it had made last started the idle clock.
  expect(Date.now() - idleFrom).toBeGreaterThan(((IDLE_SECONDS * 2) / 3) * 1000 - 1_000);
  await expect(quickstart.realtime.notice).toContainText("Your session expired.");
  await expect(quickstart.realtime.badge).toHaveAttribute("data-signed-in", "false");
  await context.close();
  expect(await activityOf(browser, username, "session_expired")).toEqual([
    "session_expired success",
  ]);
});

test("a session in use is still closed at the end of its lifetime, as session_expired", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, quickstart } = await quickstartUser(browser);
  const started = Date.now();
  await expect(quickstart.realtime.notice).toHaveAttribute("data-session-end", "session_expired", {
    timeout: (MAX_AGE_SECONDS + 8) * 1000,
  });
  expect(Date.now() - started).toBeGreaterThan((MAX_AGE_SECONDS - 3) * 1000);
  // It rotated all along: the idle timeout did not end it.
  expect(generationOf(await savedToken(quickstart))).toBeGreaterThan(5);
  await context.close();
});

test("a web session's record follows the cookie's maxAge and updateAge, and the server closes its socket when it expires", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL: stack.baseURL });
  const { app } = await openApp(browser, "bob", DEMO_PASSWORD, context);
  const expiries = async () => {
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
    const devices = await (await context.request.get("/api/account/devices")).json();
    const mine = devices.devices.find((device: { current: boolean }) => device.current);
    return { cookie: (cookie?.expires ?? 0) * 1000, record: Date.parse(mine.expiresAt) };
  };
  const signedIn = await expiries();
  expect(Math.abs(signedIn.cookie - signedIn.record)).toBeLessThan(2_000);

  // Read after updateAge: Auth.js re-issues the cookie with a full maxAge, and the record follows.
  // Reads within updateAge change nothing, so the test reads until one is past it.
  await expect
    .poll(async () => {
      await context.request.get("/api/auth/session");
      return (await expiries()).record;
    })
    .toBeGreaterThan(signedIn.record + 2_000);
  const extended = await expiries();
  expect(Math.abs(extended.cookie - extended.record)).toBeLessThan(2_000);
  // Read again within updateAge: the cookie is re-issued, the record stays (it trails by less).
  await context.request.get("/api/auth/session");
  const again = await expiries();
  expect(again.record).toBe(extended.record);
  expect(again.cookie - again.record).toBeLessThan(2_000);

  // Left alone, it expires while /app's socket is open: the server closes it and says why.
  await app.expectSignedIn();
  await expect(app.notice).toHaveAttribute("data-session-end", "session_expired", {
    timeout: extended.record - Date.now() + 5_000,
  });
  await expect(app.notice).toHaveAttribute("data-final", "true");
  await context.close();
});
