import { SignUpPage } from "../pages/sign-up-page";
import { startExternalStack } from "../support/stack";
import { expect, test } from "../test";
import { uniqueUsername } from "./fixtures";
import { DemoAppPage } from "./pages/demo-app-page";

// The chat against an external soketi that this test kills and starts again, as an outage would.
// That every client signs in again by itself is ../realtime-restart.spec.ts's.

test("room messages sent while the realtime server is down arrive once it is back, in order", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const stack = await startExternalStack("restart-chat");
  try {
    const context = await browser.newContext({ baseURL: stack.baseURL });
    const signUp = new SignUpPage(await context.newPage());
    await signUp.goto();
    await signUp.signUp({
      username: uniqueUsername("restart"),
      password: "a-long-enough-password",
    });
    const reader = new DemoAppPage(signUp.page);
    await reader.expectSignedIn();
    const sender = new DemoAppPage(await context.newPage());
    await sender.goto();
    await sender.expectSignedIn();

    await stack.killRealtime();
    await expect(reader.badge).not.toHaveAttribute("data-state", "connected");
    // Sent while the realtime server is down: stored, announced to no one, fetched later.
    const batch = uniqueUsername("outage");
    for (const n of [1, 2, 3]) await sender.say(`${batch} #${n}`);
    await expect(reader.room("lobby").getByText(new RegExp(`^${batch} #\\d$`))).toHaveCount(0);
    await stack.startRealtime();

    await reader.expectSignedIn();
    await expect(reader.room("lobby").getByText(new RegExp(`^${batch} #\\d$`))).toHaveText([
      `${batch} #1`,
      `${batch} #2`,
      `${batch} #3`,
    ]);
    await context.close();
  } finally {
    await stack.stop();
  }
});
