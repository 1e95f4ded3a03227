import { DEMO_PASSWORD } from "./fixtures";
import { AppPage } from "./pages/app-page";
import { SignInPage } from "./pages/sign-in-page";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// A slow realtime server must not make the browser try another scheme: pusher-js, left to its
// defaults, tries TLS after 2 s on a plain connection, which the Content Security Policy blocks
// (the test fixture fails on any violation) and which a plain server could not answer anyway.

test("a socket slow to open is waited for on its own scheme, with no second try elsewhere", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: workerStack().baseURL });
  // The page's clock, so that the test decides when the handshake comes: after pusher-js's
  // fallback timer would have fired, without waiting for it in real time.
  await context.clock.install();
  const urls: string[] = [];
  let handshake = () => {};
  const late = new Promise<void>((resolve) => {
    handshake = resolve;
  });
  await context.routeWebSocket(/\/app\/[^/]+\?/, async (socket) => {
    urls.push(socket.url());
    await late;
    socket.connectToServer();
  });
  const page = await context.newPage();
  await page.goto("/sign-in?callbackUrl=/app");
  await new SignInPage(page).signIn("bob", DEMO_PASSWORD);
  await expect.poll(() => urls.length).toBeGreaterThan(0);
  // The realtime server's handshake comes 3 s late: every timer due by then fires first.
  await context.clock.runFor(3_000);
  handshake();
  const app = new AppPage(page);
  await app.expectSignedIn();
  // However many tries it took, each was on the page's own scheme.
  expect(urls.length).toBeGreaterThan(0);
  expect(urls.map((url) => new URL(url).protocol)).toEqual(urls.map(() => "ws:"));
  await context.close();
});
