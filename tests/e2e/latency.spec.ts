import type { BrowserContext } from "@playwright/test";
import { DEMO_PASSWORD, openApp, setServiceAuth, signUpUser, uniqueUsername } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { QuickstartPage } from "./pages/quickstart-page";
import { stackClient } from "./support/node-client";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// The README's time bounds whose functional tests live in spec files of their own (devices,
// session-lifecycle): the same scenes, cut down to what the bound is about. The latency project
// runs them; the functional tests assert the same outcomes without the bound.

const latency = { tag: "@latency" };

/** The id of the session a context is signed in with, from its own device list. */
async function deviceIdOf(context: BrowserContext): Promise<string> {
  const { devices } = await (await context.request.get("/api/account/devices")).json();
  const current = devices.find((device: { current: boolean }) => device.current);
  return String(current?.id);
}

test(
  "a device signed out from another is told why and signed out within 1 s",
  latency,
  async ({ browser }) => {
    const { username, password } = await signUpUser(browser, "latency");
    const laptop = await openApp(browser, username, password);
    const phone = await openApp(browser, username, password);
    const account = new AccountPage(await laptop.context.newPage());
    await account.goto();
    await account.signOutDevice(await deviceIdOf(phone.context));
    // From the sign-out's answer.
    await expect(phone.app.notice).toHaveAttribute("data-code", "signed_out_remotely", {
      timeout: 1_000,
    });
    await expect(phone.app.page.getByTestId("user-id")).toHaveCount(0, { timeout: 1_000 });
    await expect(phone.app.badge).toHaveCount(0, { timeout: 1_000 });
    await Promise.all([laptop.context.close(), phone.context.close()]);
  },
);

test(
  "signed out with the other devices, a service client is told why within 1 s",
  latency,
  async ({ browser }) => {
    await setServiceAuth(browser, "on");
    const { username, password } = await signUpUser(browser, "latency");
    const laptop = await openApp(browser, username, password);
    const service = stackClient({ timeoutMs: 10_000 });
    try {
      await service.start({ username, password });
      const account = new AccountPage(await laptop.context.newPage());
      await account.goto();
      await account.signOutOtherDevices();
      await expect
        .poll(() => service.getSnapshot().error, { timeout: 1_000 })
        .toMatchObject({ code: "session_revoked", reason: "signed_out_remotely" });
    } finally {
      service.stop();
      await laptop.context.close();
    }
  },
);

test(
  "an older token replayed from Node closes the tab's socket within 2 s, as session_reused",
  latency,
  async ({ browser }) => {
    await setServiceAuth(browser, "on");
    const context = await browser.newContext({ baseURL: workerStack().baseURL });
    const quickstart = new QuickstartPage(await context.newPage());
    await quickstart.goto();
    const username = uniqueUsername("latency");
    await quickstart.submit("Create user", username, DEMO_PASSWORD);
    await quickstart.realtime.expectSignedIn();
    const saved = () =>
      quickstart.page.evaluate(() => sessionStorage.getItem("realtime-session") ?? "");
    const stolen = await saved();
    // Each reload signs in with the saved token, which rotates it: two later, no grace covers it.
    for (let reload = 0; reload < 2; reload++) {
      const before = await saved();
      await quickstart.page.reload();
      await quickstart.realtime.expectSignedIn();
      await expect.poll(saved).not.toBe(before);
    }
    const { session } = JSON.parse(stolen) as { session: string };
    const replay = await context.request.post("/api/pusher/user-auth", {
      form: { socket_id: "1234.5678", session },
    });
    expect(replay.status()).toBe(401);
    // From the replay's answer.
    await expect(quickstart.realtime.notice).toHaveAttribute("data-session-end", "session_reused", {
      timeout: 2_000,
    });
    await context.close();
  },
);
