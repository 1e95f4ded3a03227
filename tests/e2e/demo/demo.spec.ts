import type { WebSocketRoute } from "@playwright/test";
import { QuickstartPage } from "../pages/quickstart-page";
import { COLOR_SCHEMES, expectAccessible } from "../support/axe";
import { scriptsAroundSignIn } from "../support/scripts";
import { workerStack } from "../support/worker-stack";
import { expect, test } from "../test";
import { DEMO_PASSWORD, openApp, uniqueUsername } from "./fixtures";
import { DemoAppPage } from "./pages/demo-app-page";

// The demo site: chat that survives reconnects, the auth inspector, and accessibility.

/** True when `expected` appears in `steps` in this order (other steps may come between). */
function inOrder(steps: string[], expected: string[]): boolean {
  let position = 0;
  for (const step of steps) if (step === expected[position]) position++;
  return position === expected.length;
}

test("the demo's code loads, and the demo renders, once the tab's sign-in has a verdict", async ({
  browser,
}) => {
  const alice = await openApp(browser, "alice");
  // No verdict: the page's shell is shown without the demo, which comes after a few seconds.
  await alice.app.page.route("**/api/pusher/user-auth", () => {});
  await alice.app.page.reload();
  await expect(alice.app.badge).toBeVisible();
  await expect(alice.app.page.getByRole("heading", { name: "Rooms" })).toHaveCount(0);
  await expect(alice.app.page.getByRole("heading", { name: "Rooms" })).toBeVisible();
  await alice.app.page.unroute("**/api/pusher/user-auth");

  await alice.app.page.reload();
  await alice.app.expectSignedIn();
  await expect(alice.app.page.getByLabel("Message #lobby")).toBeEnabled();
  // The inspector's heading, a string only the demo's code holds.
  const scripts = await scriptsAroundSignIn(alice.app.page);
  expect(scripts.before.some((text) => text.includes("Auth steps in this tab"))).toBe(false);
  expect(scripts.after.some((text) => text.includes("Auth steps in this tab"))).toBe(true);
  await alice.context.close();
});

test("a message bob sends in the lobby appears for alice, once", async ({ browser }) => {
  const alice = await openApp(browser, "alice");
  const bob = await openApp(browser, "bob");
  const text = `lobby ${uniqueUsername("msg")}`;
  await bob.app.say(text);
  await expect(alice.app.room("lobby").getByText(text)).toHaveCount(1);

  // History loads when the room opens.
  await alice.app.page.reload();
  await expect(alice.app.room("lobby").getByText(text)).toHaveCount(1);
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test("messages sent while alice was offline arrive in order, without duplicates", async ({
  browser,
}) => {
  // Chromium's offline emulation leaves open WebSockets alone, so the test cuts alice's realtime
  // connection itself: while "offline", every socket to the realtime server is closed at once.
  const context = await browser.newContext({ baseURL: workerStack().baseURL });
  let offline = false;
  const sockets: WebSocketRoute[] = [];
  await context.routeWebSocket(/\/app\/[^/]+\?/, (socket) => {
    if (offline) return void socket.close({ code: 1001, reason: "offline" });
    sockets.push(socket);
    socket.connectToServer();
  });
  const alice = await openApp(browser, "alice", DEMO_PASSWORD, context);
  const bob = await openApp(browser, "bob");
  await bob.app.say(`before ${uniqueUsername("gap")}`);

  offline = true;
  for (const socket of sockets.splice(0)) await socket.close({ code: 1001, reason: "offline" });
  await expect(alice.app.badge).not.toHaveAttribute("data-state", "connected");
  const batch = uniqueUsername("offline");
  for (const n of [1, 2, 3]) await bob.app.say(`${batch} #${n}`);

  const gapFetch = alice.app.page.waitForRequest(/\/api\/rooms\/lobby\/messages\?after=\d+/);
  offline = false;
  await alice.app.expectSignedIn();
  await gapFetch;
  const received = alice.app.room("lobby").getByText(new RegExp(`^${batch} #\\d$`));
  await expect(received).toHaveText([`${batch} #1`, `${batch} #2`, `${batch} #3`]);

  const seqs = await alice.app
    .room("lobby")
    .locator("li")
    .evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-seq"))));
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  await Promise.all([context.close(), bob.context.close()]);
});

test("the typing indicator appears and clears", async ({ browser }) => {
  const alice = await openApp(browser, "alice");
  const bob = await openApp(browser, "bob");
  await expect(alice.app.lobby.getByText("Bob", { exact: true })).toBeVisible();

  await bob.app.page.getByLabel("Message #lobby").pressSequentially("hel");
  const typing = alice.app.page.getByTestId("typing");
  await expect(typing).toHaveText("Bob is typing…");
  await bob.app.page.getByLabel("Message #lobby").press("Enter");
  await expect(typing).toHaveText("");
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test("a direct message goes through the encrypted inbox and is kept", async ({ browser }) => {
  const alice = await openApp(browser, "alice");
  const bob = await openApp(browser, "bob");
  await alice.app.page.getByLabel("Conversation with").selectOption({ label: "@bob" });
  await bob.app.page.getByLabel("Conversation with").selectOption({ label: "@alice" });

  const text = `secret ${uniqueUsername("dm")}`;
  await bob.app.page.getByLabel("Direct message", { exact: true }).fill(text);
  await bob.app.page.getByLabel("Direct message", { exact: true }).press("Enter");
  await expect(alice.app.page.getByTestId("direct-messages").getByText(text)).toBeVisible();

  // The realtime server relayed ciphertext: the inspector shows the event as received.
  const events = alice.app.page.getByTestId("inspector").locator('[data-step="event"]');
  await expect(events.filter({ hasText: "private-encrypted-inbox-" }).last()).toContainText(
    "ciphertext",
  );

  await alice.app.page.reload();
  await alice.app.page.getByLabel("Conversation with").selectOption({ label: "@bob" });
  await expect(alice.app.page.getByTestId("direct-messages").getByText(text)).toBeVisible();
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test("the inspector shows the backend flow's steps in order, with the current one lit", async ({
  browser,
}) => {
  const { context, app } = await openApp(browser, "carol");
  await expect
    .poll(async () =>
      inOrder(await app.inspectorSteps(), [
        "connected",
        "user-auth",
        "token",
        "signin",
        "channel-auth",
      ]),
    )
    .toBe(true);
  await expect(
    app.page.getByTestId("inspector").locator('[data-step="token"]').first(),
  ).toContainText("::user::");
  // /app signs in with its session cookie: its diagram starts at the socket, with no ticket.
  const diagram = app.page.getByTestId("diagram-backend");
  await expect(diagram).not.toContainText("/api/realtime/tickets");
  await expect(diagram).toContainText("POST /api/pusher/user-auth + cookie");

  await app.startWithTicket();
  await expect
    .poll(async () =>
      inOrder(await app.inspectorSteps(), ["ticket", "connected", "user-auth", "token", "signin"]),
    )
    .toBe(true);
  // The lit step is the latest one. Read together: channel auth goes on after the sign-in.
  await expect
    .poll(async () => {
      const last = (await app.inspectorSteps()).at(-1);
      const lit = await diagram.locator('[data-active="true"]').getAttribute("data-step");
      return lit === last;
    })
    .toBe(true);
  await context.close();
});

test("the inspector shows the service flow's steps in order", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: workerStack().baseURL });
  const quickstart = new QuickstartPage(await context.newPage());
  await quickstart.goto();
  await quickstart.submit("Start", "carol", DEMO_PASSWORD);
  await expect
    .poll(async () =>
      inOrder(await new DemoAppPage(quickstart.page).inspectorSteps(), [
        "credentials",
        "connected",
        "user-auth",
        "token",
        "signin",
        "channel-auth",
      ]),
    )
    .toBe(true);
  await context.close();
});

// The core's pages are checked by ../accessibility.spec.ts; these are the ones with demo widgets.
for (const colorScheme of COLOR_SCHEMES) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });
    // Each axe run takes seconds on a busy machine.
    test.describe.configure({ timeout: 120_000 });

    test("axe finds no serious or critical violation in the flow diagrams", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByTestId("diagram-backend")).toBeVisible();
      await expectAccessible(page);
      await page.goto("/quickstart");
      await expect(page.getByTestId("diagram-service")).toBeVisible();
      await expectAccessible(page);
    });

    test("axe finds no serious or critical violation in the rooms and the inspector", async ({
      browser,
      context,
    }) => {
      const { app } = await openApp(browser, "alice", DEMO_PASSWORD, context);
      await expect(app.page.getByTestId("inspector")).toBeVisible();
      await expect(app.lobby.getByText("Alice", { exact: true })).toBeVisible();
      await expectAccessible(app.page);
    });
  });
}
