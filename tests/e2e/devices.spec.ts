import {
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  request as requests,
} from "@playwright/test";
import type { RealtimeClient } from "../../lib/realtime/client/client";
import { cookieHeader, DEMO_PASSWORD, openApp, setServiceAuth, signUpUser } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import type { AppPage } from "./pages/app-page";
import { stackClient } from "./support/node-client";
import { startStack } from "./support/stack";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// Devices: every live session of a user, listed on /account and by GET /api/account/devices, and
// signed out one by one or all but this one. A device signed out loses its sockets at once and
// can never sign in again with what it holds; the user's other devices come back by themselves.

const baseUrl = () => workerStack().baseURL;

/** A phone's browser, as it names itself; Playwright's "Desktop Chrome" says Chrome on Windows 10. */
const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const DESKTOP_CHROME = /^Chrome \d+ on Windows 10$/;

/** A browser context that sends the iPhone's User-Agent, signed in on /app. */
async function openPhone(browser: Browser, username: string, password: string) {
  const context = await browser.newContext({ baseURL: baseUrl(), userAgent: IPHONE_SAFARI });
  return openApp(browser, username, password, context);
}

type DeviceJson = {
  id: string;
  kind: "web" | "ticket" | "service";
  label: string;
  current: boolean;
  approximateAddress: string | null;
  startedFrom: string | null;
};

/** A client in Node that sends only the cookie it was given, as a script or a thief would. */
function withCookie(cookie: string, baseURL = baseUrl()): Promise<APIRequestContext> {
  return requests.newContext({ baseURL, extraHTTPHeaders: { cookie } });
}

async function devicesOf(client: APIRequestContext): Promise<DeviceJson[]> {
  const response = await client.get("/api/account/devices");
  expect(response.status()).toBe(200);
  return (await response.json()).devices;
}

/** The id of the session a browser context is signed in with: "This device" of its own list. */
async function sessionIdOf(context: BrowserContext): Promise<string> {
  const current = (await devicesOf(context.request)).filter((device) => device.current);
  expect(current).toHaveLength(1);
  return current[0]?.id ?? "";
}

/** How many times a page's sockets opened from now on were signed in by the realtime server. */
function countSignIns(page: Page): () => number {
  let count = 0;
  page.on("websocket", (socket) =>
    socket.on("framereceived", ({ payload }) => {
      if (String(payload).includes("pusher:signin_success")) count++;
    }),
  );
  return () => count;
}

/** The stack's bundled soketi, as a client in Node finds it. */
function nodeClient(clients: RealtimeClient[]): RealtimeClient {
  const client = stackClient({ timeoutMs: 10_000 });
  clients.push(client);
  return client;
}

/** Counts a Node client's sign-ins from now on. */
function countNodeSignIns(client: RealtimeClient): () => number {
  let count = 0;
  let replayed = true;
  client.observe((observation) => {
    if (!replayed && observation.type === "signed-in") count++;
  });
  replayed = false;
  return () => count;
}

async function expectSignedOutHere(app: AppPage) {
  // Told why, and no longer signed in (within a second: latency.spec.ts).
  await expect(app.notice).toHaveAttribute("data-code", "signed_out_remotely");
  await expect(app.page.getByTestId("user-id")).toHaveCount(0);
  await expect(app.badge).toHaveCount(0);
  await expect(app.notice).toHaveText(
    "Disconnected: This device was signed out from another device.Sign in again",
  );
}

/** The rows of /account's Recent activity, newest first. */
function recentActivity(page: Page): Locator {
  return page
    .getByRole("region", { name: "Recent activity", exact: true })
    .getByTestId("activity-row");
}

/** What a signed-out device's cookie gets: 401 with the reason, and a redirect from pages. */
async function expectCookieRefused(cookie: string) {
  const client = await withCookie(cookie);
  const ticket = await client.post("/api/realtime/tickets");
  expect(ticket.status()).toBe(401);
  expect(await ticket.json()).toMatchObject({
    error: "session_ended",
    reason: "signed_out_remotely",
  });
  const list = await client.get("/api/account/devices");
  expect(list.status()).toBe(401);
  const page = await client.get("/app", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toBe("/sign-in?callbackUrl=/app");
  await client.dispose();
}

test.describe("devices", () => {
  const clients: RealtimeClient[] = [];
  test.afterEach(() => {
    for (const client of clients.splice(0)) client.stop();
  });

  test("the list shows every session with This device; one signed out closes its socket, the others come back within 5 s", async ({
    browser,
  }) => {
    await setServiceAuth(browser, "on");
    const { username, password } = await signUpUser(browser, "devices");
    const laptop = await openApp(browser, username, password);
    const phone = await openPhone(browser, username, password);
    const tablet = await openApp(browser, username, password);
    // A ticket from the laptop's session, exchanged by a client in Node; and the service flow.
    const { userTicket } = await (
      await laptop.context.request.post("/api/realtime/tickets")
    ).json();
    const ticketClient = nodeClient(clients);
    await ticketClient.start(userTicket);
    const serviceClient = nodeClient(clients);
    await serviceClient.start({ username, password });

    const [laptopId, phoneId, tabletId] = [
      await sessionIdOf(laptop.context),
      await sessionIdOf(phone.context),
      await sessionIdOf(tablet.context),
    ];
    const account = new AccountPage(await laptop.context.newPage());
    await account.goto();
    await expect(account.page.getByRole("heading", { name: "Devices" })).toBeVisible();
    // Three browsers, the ticket and the service clients, and the browser that signed up (its
    // context is closed, its session lives on).
    await expect(account.devices).toHaveCount(6);
    const thisDevice = account.page.getByText("This device", { exact: true });
    await expect(account.devices.filter({ has: thisDevice })).toHaveCount(1);
    await expect(account.device(laptopId)).toContainText("This device");
    await expect(account.device(laptopId).getByRole("button", { name: "Sign out" })).toHaveCount(0);
    await expect(account.device(phoneId).getByTestId("device-label")).toHaveText(
      "Safari 17 on iOS 17.4",
    );
    await expect(account.device(tabletId).getByTestId("device-label")).toHaveText(DESKTOP_CHROME);
    for (const id of [phoneId, tabletId]) {
      const device = account.device(id);
      await expect(device).toHaveAttribute("data-kind", "web");
      await expect(device.getByTestId("device-method")).toHaveText("Web sign-in with a password");
      // The stack is reached on the loopback: named, not shown as a network.
      await expect(device.getByTestId("device-address")).toHaveText("this machine (localhost)");
      await expect(device.getByText("This device", { exact: true })).toHaveCount(0);
      await expect(device.getByRole("button", { name: "Sign out" })).toBeVisible();
    }
    const ticketDevice = account.page.locator('[data-testid="device"][data-kind="ticket"]');
    await expect(ticketDevice.getByTestId("device-label")).toHaveText("node");
    await expect(ticketDevice.getByTestId("device-started-from")).toHaveText("this device");
    const serviceDevice = account.page.locator('[data-testid="device"][data-kind="service"]');
    await expect(serviceDevice.getByTestId("device-method")).toHaveText(
      "Service (username and password to the realtime service)",
    );
    await expect(account.page.getByTestId("devices-limit")).toHaveText(
      "At most 1000 devices; signing in on another ends the one least recently used.",
    );
    await expect(account.page.getByTestId("devices-reconnect-note")).toContainText(
      "sign in again by themselves within a few seconds",
    );

    const phoneCookie = await cookieHeader(phone.context);
    const tabletSignIns = countSignIns(tablet.app.page);
    const laptopSignIns = countSignIns(laptop.app.page);
    const ticketSignIns = countNodeSignIns(ticketClient);
    const serviceSignIns = countNodeSignIns(serviceClient);
    await account.signOutDevice(phoneId);

    await expectSignedOutHere(phone.app);
    await expectCookieRefused(phoneCookie);
    // The protocol closed every connection of the user: the others sign in again by themselves.
    await expect.poll(tabletSignIns, { timeout: 5_000 }).toBeGreaterThan(0);
    await expect.poll(laptopSignIns, { timeout: 5_000 }).toBeGreaterThan(0);
    await expect.poll(ticketSignIns, { timeout: 5_000 }).toBeGreaterThan(0);
    await expect.poll(serviceSignIns, { timeout: 5_000 }).toBeGreaterThan(0);
    for (const app of [tablet.app, laptop.app]) {
      await expect(app.badge).toHaveAttribute("data-signed-in", "true");
      await expect(app.notice).toHaveCount(0);
    }
    await expect(account.devices).toHaveCount(5);
    // The user's Recent activity names the device that was signed out, and why.
    await account.page.reload();
    const revoked = recentActivity(account.page).filter({ hasText: "session_revoked" });
    await expect(revoked).toHaveCount(1);
    await expect(revoked).toContainText("signed_out_remotely");

    // After a reload the phone is sent to sign in, and told why.
    await phone.app.page.reload();
    await expect(phone.app.page).toHaveURL(/\/sign-in\?callbackUrl=\/app$/);
    await expect(phone.app.page.getByTestId("session-ended")).toHaveText(
      "This device was signed out from another device.",
    );
    await Promise.all([laptop.context.close(), phone.context.close(), tablet.context.close()]);
  });

  test("sign out all other devices: browsers and realtime sessions alike, this one stays", async ({
    browser,
  }) => {
    await setServiceAuth(browser, "on");
    const { username, password } = await signUpUser(browser, "others");
    const laptop = await openApp(browser, username, password);
    const phone = await openApp(browser, username, password);
    const serviceClient = nodeClient(clients);
    await serviceClient.start({ username, password });
    const phoneCookie = await cookieHeader(phone.context);

    const account = new AccountPage(await laptop.context.newPage());
    await account.goto();
    // The laptop, the phone, the service client, and the browser that signed up.
    await expect(account.devices).toHaveCount(4);
    const laptopSignIns = countSignIns(laptop.app.page);
    await account.signOutOtherDevices();

    await expectSignedOutHere(phone.app);
    await expect
      .poll(() => serviceClient.getSnapshot().error)
      .toMatchObject({ code: "session_revoked", reason: "signed_out_remotely" });
    await expectCookieRefused(phoneCookie);
    // The service client's session token is refused for good too.
    await expect(serviceClient.reconnect()).rejects.toMatchObject({
      name: "SessionEndedError",
      code: "session_revoked",
      reason: "signed_out_remotely",
    });

    await expect.poll(laptopSignIns, { timeout: 5_000 }).toBeGreaterThan(0);
    await expect(laptop.app.badge).toHaveAttribute("data-signed-in", "true");
    await expect(account.devices).toHaveCount(1);
    await expect(account.devices).toContainText("This device");
    await expect(
      account.page.getByRole("button", { name: "Sign out all other devices" }),
    ).toHaveCount(0);
    await Promise.all([laptop.context.close(), phone.context.close()]);
  });

  test("the JSON endpoints: list, sign out one, sign out the others, and every refusal", async ({
    browser,
  }) => {
    const { username, password } = await signUpUser(browser, "devices-api");
    const laptop = await openApp(browser, username, password);
    const phone = await openPhone(browser, username, password);
    const tablet = await openApp(browser, username, password);
    const bob = await openApp(browser, "bob", DEMO_PASSWORD);
    const api = laptop.context.request;
    const [laptopId, phoneId, tabletId, bobId] = [
      await sessionIdOf(laptop.context),
      await sessionIdOf(phone.context),
      await sessionIdOf(tablet.context),
      await sessionIdOf(bob.context),
    ];

    const list = await api.get("/api/account/devices");
    expect(list.headers()["cache-control"]).toBe("no-store");
    const body = await list.json();
    expect(body.maxSessions).toBe(1000);
    const ids = body.devices.map((device: DeviceJson) => device.id);
    // And the browser that signed up: its context is closed, its session lives on.
    expect(ids).toHaveLength(4);
    expect(ids).toEqual(expect.arrayContaining([laptopId, phoneId, tabletId]));
    expect(body.devices.find((device: DeviceJson) => device.current)?.id).toBe(laptopId);
    expect(body.devices.find((device: DeviceJson) => device.id === phoneId)).toMatchObject({
      kind: "web",
      method: "credentials",
      browser: "Safari 17",
      os: "iOS 17.4",
      label: "Safari 17 on iOS 17.4",
      // The stack is reached on the loopback: the API gives its network, the page names it.
      approximateAddress: expect.stringMatching(/^(127\.0\.0\.0\/8|::1\/128)$/),
      startedAt: expect.stringMatching(/Z$/),
      lastActiveAt: expect.stringMatching(/Z$/),
    });

    const answer = async (pending: Promise<APIResponse>) => {
      const response = await pending;
      return `${response.status()} ${(await response.json()).error ?? ""}`.trim();
    };
    expect(await answer(api.delete("/api/account/devices/not-a-session-id"))).toBe(
      "400 invalid_request",
    );
    expect(await answer(api.delete(`/api/account/devices/${crypto.randomUUID()}`))).toBe(
      "404 device_not_found",
    );
    // Another user's session is not one of this user's devices, and is left alone.
    expect(await answer(api.delete(`/api/account/devices/${bobId}`))).toBe("404 device_not_found");
    expect(await answer(api.delete(`/api/account/devices/${laptopId}`))).toBe("409 current_device");

    // Another site's page cannot list or sign out anything with the user's cookie.
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of crossSite) {
      expect(await answer(api.get("/api/account/devices", { headers }))).toBe(
        "403 cross_site_request",
      );
      expect(await answer(api.delete("/api/account/devices", { headers }))).toBe(
        "403 cross_site_request",
      );
      expect(await answer(api.delete(`/api/account/devices/${phoneId}`, { headers }))).toBe(
        "403 cross_site_request",
      );
    }
    // Signed out: the gate's 401.
    const nobody = await requests.newContext({ baseURL: baseUrl() });
    expect(await answer(nobody.get("/api/account/devices"))).toBe("401 no_session");
    expect(await answer(nobody.delete("/api/account/devices"))).toBe("401 no_session");
    expect(await answer(nobody.delete(`/api/account/devices/${phoneId}`))).toBe("401 no_session");
    await nobody.dispose();
    // None of the refusals signed anyone out.
    expect((await devicesOf(api)).length).toBe(4);
    await expect(bob.app.notice).toHaveCount(0);
    await expect(bob.app.badge).toHaveAttribute("data-signed-in", "true");

    // A script holding the laptop's cookie, not the browser, signs the phone out.
    const script = await withCookie(await cookieHeader(laptop.context));
    const phoneCookie = await cookieHeader(phone.context);
    const tabletSignIns = countSignIns(tablet.app.page);
    const signedOut = await script.delete(`/api/account/devices/${phoneId}`);
    expect(signedOut.status()).toBe(200);
    expect(await signedOut.json()).toEqual({ signedOut: phoneId });
    await expectSignedOutHere(phone.app);
    await expectCookieRefused(phoneCookie);
    await expect.poll(tabletSignIns, { timeout: 5_000 }).toBeGreaterThan(0);
    await expect(tablet.app.badge).toHaveAttribute("data-signed-in", "true");
    // Signed out already: not a device any more.
    expect(await answer(script.delete(`/api/account/devices/${phoneId}`))).toBe(
      "404 device_not_found",
    );

    const tabletCookie = await cookieHeader(tablet.context);
    const others = await script.delete("/api/account/devices");
    expect(others.status()).toBe(200);
    // The tablet and the sign-up's browser.
    expect(await others.json()).toEqual({ signedOut: 2 });
    await expectSignedOutHere(tablet.app);
    await expectCookieRefused(tabletCookie);
    expect((await devicesOf(script)).map((device) => device.id)).toEqual([laptopId]);
    await script.dispose();
    await Promise.all([
      laptop.context.close(),
      phone.context.close(),
      tablet.context.close(),
      bob.context.close(),
    ]);
  });
});

test("past MAX_SESSIONS_PER_USER a sign-in ends the least recently used session; the others stay", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // A stack of its own: the shared one lifts the limit for the other specs' many sign-ins.
  const stack = await startStack({ env: { MAX_SESSIONS_PER_USER: "2" } });
  const device = async () => {
    const context = await browser.newContext({ baseURL: stack.baseURL });
    return openApp(browser, "carol", DEMO_PASSWORD, context);
  };
  try {
    const first = await device();
    const second = await device();
    const firstCookie = await cookieHeader(first.context);
    const secondSignIns = countSignIns(second.app.page);

    // The first is the least recently used: neither was used since it signed in.
    const third = await device();
    await expect(first.app.notice).toHaveAttribute("data-code", "session_limit");
    await expect(first.app.notice).toContainText("this one was the least recently used");
    await expect.poll(secondSignIns, { timeout: 5_000 }).toBeGreaterThan(0);
    await expect(second.app.badge).toHaveAttribute("data-signed-in", "true");
    await expect(second.app.notice).toHaveCount(0);

    const stale = await withCookie(firstCookie, stack.baseURL);
    const refused = await stale.post("/api/realtime/tickets");
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "session_ended", reason: "session_limit" });
    await stale.dispose();

    const account = new AccountPage(await third.context.newPage());
    await account.goto();
    await expect(account.page.getByTestId("devices-limit")).toHaveText(
      "At most 2 devices; signing in on another ends the one least recently used.",
    );
    await expect(account.devices).toHaveCount(2);
    await expect(account.device(await sessionIdOf(second.context))).toBeVisible();
    const displaced = recentActivity(account.page).filter({ hasText: "session_revoked" });
    await expect(displaced).toHaveCount(1);
    await expect(displaced).toContainText("session_limit");

    // A ticket sign-in that displaces a session itself: the bundled soketi refuses the socket that
    // was open at that end, and the client signs in on a new one with the session it was given.
    const verdict = await third.app.startWithTicket();
    await expect(verdict).toHaveText("Signed in as carol with the ticket.");
    await expect(third.app.badge).toHaveAttribute("data-signed-in", "true");
    await Promise.all([first.context.close(), second.context.close(), third.context.close()]);
  } finally {
    await stack.stop();
  }
});
