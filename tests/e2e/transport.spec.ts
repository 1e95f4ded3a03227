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
  const urls: string[] = [];
  await context.routeWebSocket(/\/app\/[^/]+\?/, async (socket) => {
    urls.push(socket.url());
    // The realtime server's handshake comes 3 s late.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    socket.connectToServer();
  });
  const page = await context.newPage();
  await page.goto("/sign-in?callbackUrl=/app");
  await new SignInPage(page).signIn("bob", DEMO_PASSWORD);
  const app = new AppPage(page);
  await app.expectSignedIn();
  // However many tries it took, each was on the page's own scheme.
  expect(urls.length).toBeGreaterThan(0);
  expect(urls.map((url) => new URL(url).protocol)).toEqual(urls.map(() => "ws:"));
  await context.close();
});
