import type { APIRequestContext } from "@playwright/test";
import Pusher from "pusher-js";
import {
  cookieHeader,
  DEMO_PASSWORD,
  openApp,
  openTab,
  signUpUser,
  stackSecrets,
} from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { AdminPage } from "./pages/admin-page";
import { SignInPage } from "./pages/sign-in-page";
import { answers, form, replay } from "./support/replay";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// Sessions that really end: a cookie is worthless once its session ended, wherever it was copied.

/** What each API answers the cookie: the status and error code, by endpoint. */
function apiAnswers(client: APIRequestContext, userId: string) {
  return answers({
    tickets: client.post("/api/realtime/tickets"),
    userAuth: client.post("/api/pusher/user-auth", form({ socket_id: "1234.5678" })),
    channelAuth: client.post(
      "/api/pusher/auth",
      form({ socket_id: "1234.5678", channel_name: `private-user-${userId}` }),
    ),
    presenceAuth: client.post(
      "/api/pusher/auth",
      form({ socket_id: "1234.5678", channel_name: "presence-online" }),
    ),
  });
}

/** Where a page sends the cookie: its status and Location, without following it. */
async function pageAnswer(client: APIRequestContext, path: string) {
  const response = await client.get(path, { maxRedirects: 0 });
  return `${response.status()} ${response.headers().location ?? ""}`.trim();
}

test("after sign-out, the saved cookie gets 401 from every API and a redirect from every page", async ({
  browser,
}) => {
  const carol = await openApp(browser, "carol");
  const carolId = await carol.app.userId();
  const stolen = await replay(await cookieHeader(carol.context));

  // The same cookie works while the session lives, so the refusals below are the sign-out's.
  expect(await apiAnswers(stolen, carolId)).toEqual({
    tickets: "200",
    userAuth: "200",
    channelAuth: "200",
    presenceAuth: "200",
  });
  expect(await pageAnswer(stolen, "/app")).toBe("200");

  await carol.app.signOut();

  expect(await apiAnswers(stolen, carolId)).toEqual({
    tickets: "401 session_ended",
    userAuth: "401 session_ended",
    channelAuth: "401 session_ended",
    presenceAuth: "401 session_ended",
  });
  for (const path of ["/app", "/account", "/admin"]) {
    expect(await pageAnswer(stolen, path)).toBe(`307 /sign-in?callbackUrl=${path}`);
  }
  // The sign-in page says why, and does not send the cookie anywhere else.
  const signIn = await stolen.get("/sign-in?callbackUrl=/app", { maxRedirects: 0 });
  expect(signIn.status()).toBe(200);
  expect(await signIn.text()).toContain("You signed out in another tab or on another device.");

  await stolen.dispose();
  await carol.context.close();
});

test("signing out one device leaves the other signed in; the same browser's other tab says why", async ({
  browser,
}) => {
  const laptop = await openApp(browser, "carol");
  const laptopOtherTab = await openTab(laptop.context);
  const phone = await openApp(browser, "carol");
  const phoneCookie = await replay(await cookieHeader(phone.context));

  await laptop.app.signOut();

  // The protocol closes every connection of the user; the phone's session lives, so it is back.
  await expect(laptopOtherTab.notice).toHaveText(
    "Disconnected: You signed out in another tab or on another device.Sign in again",
  );
  await expect(laptopOtherTab.notice).toHaveAttribute("data-code", "signed_out");
  await expect(laptopOtherTab.page.getByTestId("user-id")).toHaveCount(0);
  await expect(laptopOtherTab.badge).toHaveCount(0);
  await phone.app.expectSignedIn();
  await expect(phone.app.badge).toHaveAttribute("data-state", "connected");
  await expect(phone.app.notice).toHaveCount(0);
  expect((await phoneCookie.post("/api/realtime/tickets")).status()).toBe(200);

  // After a reload the signed-out browser is sent to sign in, once.
  await laptopOtherTab.page.reload();
  await expect(laptopOtherTab.page).toHaveURL(/\/sign-in\?callbackUrl=\/app$/);
  await phoneCookie.dispose();
  await Promise.all([laptop.context.close(), phone.context.close()]);
});

test("sign out everywhere ends every device's session, and each says so", async ({ browser }) => {
  const { username, password } = await signUpUser(browser, "everywhere");
  const laptop = await openApp(browser, username, password);
  const phone = await openApp(browser, username, password);
  const phoneCookie = await replay(await cookieHeader(phone.context));

  const account = new AccountPage(laptop.app.page);
  await account.goto();
  await expect(account.page.getByRole("heading", { name: "Account" })).toBeVisible();
  await account.signOutEverywhere();
  await expect(account.page).toHaveURL(/\/sign-in$/);

  await expect(phone.app.notice).toHaveText(
    "Disconnected: This account was signed out everywhere.Sign in again",
  );
  await expect(phone.app.page.getByRole("heading", { name: /^Hello/ })).toHaveCount(0);
  expect((await phoneCookie.post("/api/realtime/tickets")).status()).toBe(401);

  await phone.app.page.reload();
  await expect(phone.app.page).toHaveURL(/\/sign-in\?callbackUrl=\/app$/);
  await expect(phone.app.page.getByTestId("session-ended")).toHaveText(
    "This account was signed out everywhere.",
  );
  // Signing in again starts a new session.
  await new SignInPage(phone.app.page).signIn(username, password);
  await expect(phone.app.page).toHaveURL(/\/app$/);
  await phone.app.expectSignedIn();
  await phoneCookie.dispose();
  await Promise.all([laptop.context.close(), phone.context.close()]);
});

test("a banned user is told so live and after a reload, and no page loops", async ({ browser }) => {
  const { username, password } = await signUpUser(browser, "banned");
  const user = await openApp(browser, username, password);
  const cookie = await replay(await cookieHeader(user.context));
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();

  await admin.act(username, "Ban");
  await expect(user.app.notice).toHaveText("Disconnected: This account is suspended.Sign in again");
  await expect(user.app.notice).toHaveAttribute("data-code", "user_banned");
  await expect(user.app.page.getByTestId("user-id")).toHaveCount(0);

  await user.app.page.reload();
  await expect(user.app.page.getByRole("heading", { name: "Account suspended" })).toBeVisible();
  for (const path of ["/app", "/account", "/admin"]) {
    expect(await pageAnswer(cookie, path), path).toBe("403");
  }
  // The sign-in page shows its form and why, and never sends the user back to /app.
  expect(await pageAnswer(cookie, "/sign-in?callbackUrl=/app")).toBe("200");
  expect((await cookie.post("/api/realtime/tickets")).status()).toBe(403);

  // A ban ended the sessions: after the unban, the user signs in again.
  await admin.act(username, "Unban");
  expect((await cookie.post("/api/realtime/tickets")).status()).toBe(401);
  await user.app.page.goto("/app");
  await expect(user.app.page).toHaveURL(/\/sign-in\?callbackUrl=\/app$/);
  await new SignInPage(user.app.page).signIn(username, password);
  await user.app.expectSignedIn();
  await cookie.dispose();
  await Promise.all([alice.context.close(), user.context.close()]);
});

test("callbackUrl only ever leads to a path of this site, and never to a 500", async ({
  browser,
}) => {
  const bob = await openApp(browser, "bob");
  const request = bob.context.request;
  for (const callbackUrl of [
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%5Cevil.example",
    "/%2F%2Fevil.example",
    "//evil.example",
    "https://evil.example",
    "%E2%80%A8",
    "/caf%C3%A9%0D%0ASet-Cookie:%20x=y",
  ]) {
    const response = await request.get(`/sign-in?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
    expect(response.status(), callbackUrl).toBe(307);
    const location = response.headers().location ?? "";
    expect(location, callbackUrl).toMatch(/^\/[^/\\]/);
    expect(new URL(location, "http://localhost").host, callbackUrl).toBe("localhost");
  }
  // The form carries the cleaned target, and signing in lands on this site.
  const visitor = await browser.newContext({ baseURL: workerStack().baseURL });
  const page = await visitor.newPage();
  await page.goto("/sign-in?callbackUrl=/%09/evil.example");
  await new SignInPage(page).signIn("bob", DEMO_PASSWORD);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/app$/);
  await Promise.all([bob.context.close(), visitor.close()]);
});

test("an anonymous socket cannot put events on a user's tabs through the user channel", async ({
  browser,
}) => {
  const bob = await openApp(browser, "bob");
  const alice = await openApp(browser, "alice");
  // soketi lets anyone subscribe to "#server-to-user-{id}" and send client events there.
  const attacker = new Pusher(stackSecrets().PUSHER_KEY, {
    cluster: "mt1",
    wsHost: "127.0.0.1",
    wsPort: workerStack().soketiPort,
    forceTLS: false,
    enabledTransports: ["ws"],
  });
  try {
    // pusher-js will not subscribe to a "#" name, so the attacker writes the frames itself.
    const channel = `#server-to-user-${await bob.app.userId()}`;
    await expect.poll(() => attacker.connection.state).toBe("connected");
    const subscribed = new Promise<void>((resolve) =>
      attacker.connection.bind("message", (message: { event: string; channel?: string }) => {
        if (message.event === "pusher_internal:subscription_succeeded") resolve();
      }),
    );
    attacker.connection.send_event("pusher:subscribe", { channel });
    await subscribed;
    attacker.connection.send_event("client-forged", { text: "from the attacker" }, channel);
    // A real event sent after the forged one: once it is shown, the forged one had its chance.
    await alice.app.sendTo("bob", "after the forgery");
    await expect(bob.app.inbox.getByText("@alice: after the forgery")).toBeVisible();
    await expect(bob.app.page.getByText("client-forged")).toHaveCount(0);
    await expect(bob.app.page.getByText("from the attacker")).toHaveCount(0);
  } finally {
    attacker.disconnect();
    await Promise.all([alice.context.close(), bob.context.close()]);
  }
});

test("NextAuth's own sign-out route ends the session too, and /api/auth/session drops an ended cookie", async ({
  browser,
}) => {
  const carol = await openApp(browser, "carol");
  const saved = await cookieHeader(carol.context);
  const stolen = await replay(saved);
  expect((await (await stolen.get("/api/auth/session")).json()).user?.username).toBe("carol");

  // The route that next-auth/react's signOut() posts to, with Auth.js's own CSRF token.
  const { request } = carol.context;
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const signedOut = await request.post("/api/auth/signout", {
    form: { csrfToken },
    maxRedirects: 0,
  });
  expect(signedOut.status()).toBe(302);

  expect((await stolen.post("/api/realtime/tickets")).status()).toBe(401);
  const session = await stolen.get("/api/auth/session");
  expect(await session.json()).toBeNull();
  // And it is not refreshed: the answer clears the cookie instead of renewing it.
  expect(session.headers()["set-cookie"] ?? "").not.toMatch(/session-token=[^;]{20,}/);
  await stolen.dispose();
  await carol.context.close();
});

test("Auth.js's own routes take only a same-origin callbackUrl, and never answer 500", async ({
  request,
}) => {
  for (const callbackUrl of ["javascript:alert(1)", "https://evil.example/", "//evil.example"]) {
    const query = await request.get(
      `/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`,
      { maxRedirects: 0 },
    );
    expect(query.status(), callbackUrl).toBeLessThan(500);
    expect(query.headers().location ?? "", callbackUrl).not.toContain("evil.example");
    const cookie = await request.get("/api/auth/signin", {
      headers: { cookie: `authjs.callback-url=${encodeURIComponent(callbackUrl)}` },
      maxRedirects: 0,
    });
    expect(cookie.status(), callbackUrl).toBeLessThan(500);
  }
});
