import type { Browser } from "@playwright/test";
import { DEMO_PASSWORD, openApp, setServiceAuth, uniqueUsername } from "./fixtures";
import { QuickstartPage } from "./pages/quickstart-page";
import { postJsonFrom } from "./support/source-address";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// Authentication by the service: credentials straight to client.start(), only the app key.

const INVALID = "Invalid username or password.";
const SESSIONS = "/api/realtime/service/sessions";
const USERS = "/api/realtime/service/users";

async function openQuickstart(browser: Browser) {
  const context = await browser.newContext({ baseURL: workerStack().baseURL });
  const quickstart = new QuickstartPage(await context.newPage());
  await quickstart.goto();
  return { context, quickstart };
}

test("alice signs in on /quickstart with her password and receives an event sent to her", async ({
  browser,
}) => {
  const { context, quickstart } = await openQuickstart(browser);
  await quickstart.submit("Start", "alice", DEMO_PASSWORD);
  await expect(quickstart.signedInAs).toHaveText("Signed in to the realtime service as @alice");
  await quickstart.realtime.expectSignedIn();
  // No NextAuth session was involved.
  expect(
    (await context.cookies()).some((cookie) => cookie.name.includes("authjs.session-token")),
  ).toBe(false);

  const bob = await openApp(browser, "bob");
  await bob.app.sendTo("alice", "to the quickstart tab");
  await expect(quickstart.realtime.inbox.getByText("@bob: to the quickstart tab")).toBeVisible();
  await Promise.all([context.close(), bob.context.close()]);
});

test("a wrong password and an unknown user get identical errors", async ({ browser, request }) => {
  const { context, quickstart } = await openQuickstart(browser);
  await quickstart.submit("Start", "carol", "not-carols-password");
  await expect(quickstart.alert).toHaveText(INVALID);
  await quickstart.submit("Start", uniqueUsername("ghost"), "not-carols-password");
  await expect(quickstart.alert).toHaveText(INVALID);
  await context.close();

  const ask = (username: string) =>
    request.post("/api/realtime/service/sessions", {
      data: { username, password: "not-the-password" },
    });
  const [wrong, unknown] = await Promise.all([ask("carol"), ask(uniqueUsername("ghost"))]);
  expect(wrong.status()).toBe(401);
  expect(unknown.status()).toBe(wrong.status());
  expect(await unknown.text()).toBe(await wrong.text());
});

test("repeated failures are throttled with 429 and Retry-After, and the page says so", async ({
  browser,
}) => {
  const username = uniqueUsername("svc");
  const password = "a-long-enough-password";
  // The back-off is per account and client: the API calls come from an address of their own,
  // the page from the browser's.
  const client = "127.0.0.6";
  const created = await postJsonFrom(client, USERS, { username, password });
  expect(created.status).toBe(201);

  for (let attempt = 1; attempt <= 5; attempt++) {
    const response = await postJsonFrom(client, SESSIONS, {
      username,
      password: `wrong-password-${attempt}`,
    });
    expect(response.status).toBe(401);
  }
  const throttled = await postJsonFrom(client, SESSIONS, { username, password });
  expect(throttled.status).toBe(429);
  expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(0);
  expect(JSON.parse(throttled.body)).toMatchObject({ error: "throttled" });

  const { context, quickstart } = await openQuickstart(browser);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await quickstart.submit("Start", username, `wrong-password-${attempt}`);
    await expect(quickstart.alert).toHaveText(INVALID);
  }
  await quickstart.submit("Start", username, password);
  await expect(quickstart.alert).toHaveText(
    /^Too many failed attempts\. Try again in \d+ (second|minute)s?\.$/,
  );
  await context.close();
});

test("newUser creates a user who is signed in and appears in presence", async ({ browser }) => {
  const { context, quickstart } = await openQuickstart(browser);
  const username = uniqueUsername("new");
  await quickstart.submit("Create user", username, "a-long-enough-password");
  await expect(quickstart.signedInAs).toHaveText(
    `Signed in to the realtime service as @${username}`,
  );
  await expect(quickstart.realtime.online.getByText(username, { exact: true })).toBeVisible();

  const bob = await openApp(browser, "bob");
  await expect(bob.app.online.getByText(username, { exact: true })).toBeVisible();
  await expect(quickstart.realtime.online.getByText("Bob", { exact: true })).toBeVisible();

  const again = await openQuickstart(browser);
  await again.quickstart.submit("Create user", username, "a-long-enough-password");
  await expect(again.quickstart.alert).toHaveText("That username is taken.");
  await Promise.all([context.close(), bob.context.close(), again.context.close()]);
});

test("an admin switches the flow off and on again", async ({ browser, request }) => {
  const live = await openQuickstart(browser);
  await live.quickstart.submit("Start", "carol", DEMO_PASSWORD);
  await live.quickstart.realtime.expectSignedIn();
  await expect(live.quickstart.realtime.online.getByText("Carol", { exact: true })).toBeVisible();

  try {
    await setServiceAuth(browser, "off");

    // The live service-started session is dropped, says why, and leaves every loading state.
    const tab = live.quickstart.realtime;
    await expect(tab.notice).toHaveText(
      "Disconnected: Authentication by the service was switched off on this site.",
    );
    await expect(tab.notice).toHaveAttribute("data-code", "service_auth_disabled");
    await expect(tab.badge).toHaveAttribute("data-state", "disconnected");
    await expect(tab.badge).toHaveAttribute("data-signed-in", "false");
    await expect(live.quickstart.signedInAs).toHaveText("Not signed in to the realtime service");
    // Who is online is shown only while signed in: the notice above says why it is not.
    await expect(live.quickstart.page.getByRole("heading", { name: "Online now" })).toHaveCount(0);
    await expect(tab.online).toHaveCount(0);
    await expect(live.quickstart.page.getByText("Joining…")).toHaveCount(0);
    // After a reload too.
    await live.quickstart.page.reload();
    await expect(live.quickstart.disabled).toBeVisible();

    const page = await openQuickstart(browser);
    await expect(page.quickstart.disabled).toContainText(
      "Service authentication is disabled on this site.",
    );
    await page.context.close();

    for (const path of ["/api/realtime/service/sessions", "/api/realtime/service/users"]) {
      const response = await request.post(path, {
        data: { username: "carol", password: DEMO_PASSWORD },
      });
      expect(response.status()).toBe(403);
      expect(await response.json()).toMatchObject({ error: "service_auth_disabled" });
    }
  } finally {
    await setServiceAuth(browser, "on");
  }

  const again = await openQuickstart(browser);
  await again.quickstart.submit("Start", "carol", DEMO_PASSWORD);
  await again.quickstart.realtime.expectSignedIn();
  await Promise.all([live.context.close(), again.context.close()]);
});

test("the credential endpoints refuse bad input with JSON codes", async ({ request }) => {
  const cases: [string, Parameters<typeof request.post>[1], number, string][] = [
    [
      "/api/realtime/service/sessions",
      { form: { username: "carol", password: DEMO_PASSWORD } },
      400,
      "unsupported_content_type",
    ],
    [
      "/api/realtime/service/sessions",
      { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } },
      400,
      "invalid_json",
    ],
    ["/api/realtime/service/sessions", { data: { username: "carol" } }, 400, "invalid_request"],
    [
      "/api/realtime/service/sessions",
      { data: { username: "carol", password: "x".repeat(5_000) } },
      413,
      "body_too_large",
    ],
    [
      "/api/realtime/service/users",
      { data: { username: "No Spaces", password: "a-long-enough-password" } },
      400,
      "invalid_request",
    ],
    [
      "/api/realtime/service/users",
      { data: { username: "short-pass", password: "short" } },
      400,
      "invalid_request",
    ],
    [
      "/api/realtime/service/users",
      { data: { username: "carol", password: "a-long-enough-password" } },
      409,
      "username_taken",
    ],
    [
      "/api/realtime/service/sessions",
      {
        data: { username: "carol", password: DEMO_PASSWORD },
        headers: { origin: "https://evil.example" },
      },
      403,
      "cross_site_request",
    ],
    [
      "/api/realtime/service/users",
      {
        data: { username: "x-site", password: "a-long-enough-password" },
        headers: { "sec-fetch-site": "cross-site" },
      },
      403,
      "cross_site_request",
    ],
  ];
  for (const [path, options, status, error] of cases) {
    const response = await request.post(path, options);
    expect(response.status(), `${path} → ${error}`).toBe(status);
    expect(await response.json()).toMatchObject({ error });
  }
});

test("service tickets and sessions from before a switch-off stay dead once it is on again", async ({
  browser,
  request,
}) => {
  await setServiceAuth(browser, "on");
  const ticket = async (): Promise<string> => {
    const response = await request.post("/api/realtime/service/sessions", {
      data: { username: "carol", password: DEMO_PASSWORD },
    });
    return (await response.json()).userTicket;
  };
  const userAuth = (fields: Record<string, string>) =>
    request.post("/api/pusher/user-auth", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      data: new URLSearchParams({ socket_id: "1234.5678", ...fields }).toString(),
    });

  const unexchanged = await ticket();
  const exchanged = await userAuth({ ticket: await ticket() });
  expect(exchanged.status()).toBe(200);
  const { session } = await exchanged.json();

  try {
    await setServiceAuth(browser, "off");
  } finally {
    await setServiceAuth(browser, "on");
  }

  const oldTicket = await userAuth({ ticket: unexchanged });
  expect(oldTicket.status()).toBe(401);
  expect(await oldTicket.json()).toMatchObject({ error: "ticket_revoked" });
  const oldSession = await userAuth({ session });
  expect(oldSession.status()).toBe(401);
  expect(await oldSession.json()).toMatchObject({ error: "session_ended" });
  // What is issued after the switch is back on works.
  expect((await userAuth({ ticket: await ticket() })).status()).toBe(200);
});
