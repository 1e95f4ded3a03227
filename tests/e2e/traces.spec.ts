import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Request } from "@playwright/test";
import { uniqueUsername } from "./fixtures";
import { AppPage } from "./pages/app-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";
import { bearer, METRICS_TOKEN } from "./support/metrics";
import { type OtlpReceiver, startOtlpReceiver } from "./support/otlp-receiver";
import { type Stack, startStack } from "./support/stack";
import { expect, test } from "./test";

// Traces, on a stack of its own that sends them (OTLP/HTTP, JSON) to a receiver in this test:
// the browser's auth request and the server's spans of it share one trace, the spans say the
// endpoint, the outcome and an end's reason, and no attribute holds a secret. That stack sets no
// METRICS_TOKEN: its GET /api/metrics is off.

let receiver: OtlpReceiver;
let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  receiver = await startOtlpReceiver();
  stack = await startStack({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      // Spans are sent in batches: every 200 ms here, rather than every 5 s.
      OTEL_BSP_SCHEDULE_DELAY: "200",
    },
  });
});

test.afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

/** The W3C traceparent a request carried: its trace id and the browser's span id. */
function traceparent(request: Request) {
  const [, traceId, spanId] = (request.headers().traceparent ?? "").split("-");
  return { traceId: traceId ?? "", spanId: spanId ?? "" };
}

test("one trace runs from the browser's user-auth request to its span, and no attribute holds a secret", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const user = { username: uniqueUsername("traced"), password: randomBytes(12).toString("hex") };
  const signUp = new SignUpPage(
    await (await browser.newContext({ baseURL: stack.baseURL })).newPage(),
  );
  await signUp.goto();
  await signUp.signUp(user);
  await expect(signUp.page).toHaveURL(/\/app$/);
  await signUp.page.context().close();

  const context = await browser.newContext({ baseURL: stack.baseURL });
  const page = await context.newPage();
  const userAuth = page.waitForRequest((request) =>
    request.url().endsWith("/api/pusher/user-auth"),
  );
  await page.goto("/sign-in?callbackUrl=/app");
  await new SignInPage(page).signIn(user.username, user.password);
  const app = new AppPage(page);
  await app.expectSignedIn();
  const browserSpan = traceparent(await userAuth);
  const userId = await app.userId();
  expect(browserSpan.traceId).toMatch(/^[0-9a-f]{32}$/);

  // The server's spans join the browser's trace: the first is a child of the browser's span.
  const inTrace = () => receiver.spans.filter((span) => span.traceId === browserSpan.traceId);
  await expect
    .poll(() => inTrace().find((span) => span.attributes["realtime.auth.endpoint"] === "user_auth"))
    .toBeDefined();
  const authSpan = inTrace().find(
    (span) => span.attributes["realtime.auth.endpoint"] === "user_auth",
  );
  expect(authSpan?.attributes["realtime.auth.outcome"]).toBe("ok");
  expect(authSpan?.attributes["http.response.status_code"]).toBe("200");
  expect(inTrace().some((span) => span.parentSpanId === browserSpan.spanId)).toBe(true);

  // A ticket, exchanged: the ticket's own requests are traced too, apart.
  const exchange = page.waitForRequest(
    (request) =>
      request.url().endsWith("/api/pusher/user-auth") &&
      (request.postData() ?? "").includes("ticket="),
  );
  await expect(await app.startWithTicket()).toContainText(`Signed in as ${user.username}`);
  const exchanged = await exchange;
  const ticket = new URLSearchParams(exchanged.postData() ?? "").get("ticket") ?? "";
  // The realtime session's token, which the exchange answers with.
  const token = String((await (await exchanged.response())?.json())?.session ?? "");
  expect(ticket).not.toBe("");
  expect(token).not.toBe("");
  await expect
    .poll(() =>
      receiver.spans.some(
        (span) => span.attributes["realtime.auth.endpoint"] === "ticket_exchange",
      ),
    )
    .toBe(true);

  // Read before the sign-out, which clears the session cookie.
  const { cookies } = await context.storageState();
  // The session's end carries its reason.
  await app.signOut();
  await expect
    .poll(() =>
      receiver.spans.some(
        (span) =>
          span.name === "sessions end" &&
          span.attributes["realtime.session.end_reason"] === "signed_out",
      ),
    )
    .toBe(true);

  // GitHub's OAuth callback carries a one-time code in its query, which Next.js's request spans
  // would record with the URL: the span is there, its query is not.
  const oauth = { code: `oauth-code-${userId}`, state: `oauth-state-${userId}` };
  await context.request.get(`/api/auth/callback/github?code=${oauth.code}&state=${oauth.state}`, {
    maxRedirects: 0,
  });
  await expect
    .poll(() => receiver.values.some((value) => value.startsWith("/api/auth/callback/github")))
    .toBe(true);

  const secrets: Record<string, string> = JSON.parse(
    readFileSync(path.join(stack.dataDir, "local-secrets.json"), "utf8"),
  );
  const secret = [
    user.username,
    user.password,
    userId,
    oauth.code,
    oauth.state,
    ticket,
    token,
    ...cookies.map((cookie) => cookie.value).filter((value) => value.length >= 16),
    ...Object.values(secrets).filter((value) => value.length >= 16),
  ];
  expect(receiver.values.length).toBeGreaterThan(0);
  const leaked = receiver.values.filter((value) => secret.some((held) => value.includes(held)));
  expect(leaked).toEqual([]);
  await context.close();
});

test("GET /api/metrics is off (404) where METRICS_TOKEN is not set", async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: stack.baseURL });
  for (const headers of [{}, bearer(METRICS_TOKEN)]) {
    const answer = await request.get("/api/metrics", { headers });
    expect(answer.status()).toBe(404);
    expect((await answer.json()).error).toBe("metrics_off");
  }
  await request.dispose();
});
