import { createRealtimeClient, type RealtimeClient } from "../../lib/realtime/client/client";
import { cookieHeader, uniqueUsername } from "./fixtures";
import { AppPage } from "./pages/app-page";
import { SignUpPage } from "./pages/sign-up-page";
import { startExternalStack } from "./support/stack";
import { expect, test } from "./test";

// The app against an external soketi that this test kills and starts again, as an outage would.

test("after the realtime server restarts, every client signs in again by itself", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // 52 live sessions of one user, from as many tickets in a few seconds: past the defaults of
  // MAX_SESSIONS_PER_USER (10) and TICKETS_PER_MINUTE_PER_USER (30).
  const stack = await startExternalStack("restart", {
    MAX_SESSIONS_PER_USER: "100",
    TICKETS_PER_MINUTE_PER_USER: "100",
  });
  const { baseURL, realtime } = stack;
  const nodeClients: RealtimeClient[] = [];
  try {
    // With an external realtime server and no SERVICE_AUTH, the service flow is off by default.
    const visitor = await browser.newPage({ baseURL });
    await visitor.goto("/quickstart");
    await expect(visitor.getByTestId("service-auth-disabled")).toBeVisible();
    await visitor.close();

    // Tab 1 signs in with the session cookie.
    const cookieContext = await browser.newContext({ baseURL });
    const signUp = new SignUpPage(await cookieContext.newPage());
    await signUp.goto();
    const username = uniqueUsername("restart");
    await signUp.signUp({ username, password: "a-long-enough-password" });
    const byCookie = new AppPage(signUp.page);
    await byCookie.expectSignedIn();

    // Tab 2 signs in with a ticket, then loses its cookies: only the realtime session remains.
    const ticketContext = await browser.newContext({
      baseURL,
      storageState: await cookieContext.storageState(),
    });
    const byTicket = new AppPage(await ticketContext.newPage());
    await byTicket.goto();
    await expect(await byTicket.startWithTicket()).toHaveText(
      `Signed in as ${username} with the ticket.`,
    );
    await ticketContext.clearCookies();

    // 50 headless clients (pusher-js in Node), each signed in with a ticket of its own.
    const capabilities = { cluster: "mt1", host: "127.0.0.1", port: realtime.port, useTLS: false };
    for (let i = 0; i < 50; i++) {
      const { userTicket } = await (
        await cookieContext.request.post("/api/realtime/tickets")
      ).json();
      const client = createRealtimeClient({
        appKey: realtime.key,
        capabilities: {
          ...capabilities,
          baseUrl: baseURL.replace("localhost", "127.0.0.1"),
          timeoutMs: 30_000,
        },
      });
      nodeClients.push(client);
      await client.start(userTicket);
    }

    await stack.killRealtime();
    for (const tab of [byCookie, byTicket])
      await expect(tab.badge).not.toHaveAttribute("data-state", "connected");
    // Every headless client saw the outage too: what follows is a sign-in of its own.
    await expect
      .poll(() => nodeClients.every((client) => client.getSnapshot().user === null))
      .toBe(true);
    await stack.startRealtime();
    const back = Date.now();

    await expect
      .poll(() => nodeClients.every((client) => client.getSnapshot().user !== null), {
        timeout: 60_000,
      })
      .toBe(true);
    const figure = `${nodeClients.length} clients signed in again ${Date.now() - back} ms after the realtime server came back`;
    test.info().annotations.push({ type: "figure", description: figure });
    console.log(`[figure] ${figure}`);

    for (const tab of [byCookie, byTicket]) {
      await expect(tab.badge).toHaveAttribute("data-state", "connected", { timeout: 60_000 });
      await tab.expectSignedIn();
    }
    await expect(byTicket.notice).toHaveCount(0);
    await Promise.all([cookieContext.close(), ticketContext.close()]);
  } finally {
    for (const client of nodeClients) client.stop();
    await stack.stop();
  }
});

test("signing out does not wait on a frozen realtime server, and the session still ends", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  const stack = await startExternalStack("frozen");
  try {
    const context = await browser.newContext({ baseURL: stack.baseURL });
    const signUp = new SignUpPage(await context.newPage());
    await signUp.goto();
    await signUp.signUp({ username: uniqueUsername("frozen"), password: "a-long-enough-password" });
    const app = new AppPage(signUp.page);
    await app.expectSignedIn();
    const stolen = await playwright.request.newContext({
      baseURL: stack.baseURL,
      extraHTTPHeaders: { cookie: await cookieHeader(context) },
    });

    // SIGSTOP: the server accepts connections and never answers, the worst case for a caller.
    stack.pauseRealtime();
    try {
      await app.page.getByRole("button", { name: "Sign out" }).click();
      // Bounded by the app's 2 s limit on the realtime calls, not the SDK's 5 s per request.
      await expect(app.page).toHaveURL(/\/$/, { timeout: 4_500 });
    } finally {
      stack.resumeRealtime();
    }
    expect((await stolen.post("/api/realtime/tickets")).status()).toBe(401);
    await stolen.dispose();
    await context.close();
  } finally {
    await stack.stop();
  }
});
