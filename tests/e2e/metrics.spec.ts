import { openApp, signUpUser } from "./fixtures";
import { AdminPage } from "./pages/admin-page";
import { bearer, METRICS_TOKEN, scrape } from "./support/metrics";
import { expect, test } from "./test";

// GET /api/metrics on the shared stack, whose METRICS_TOKEN the global setup sets: a sign-in
// through the browser moves the counters, refusals and limits are counted, channel auth per
// channel as well as per request, no series names anyone, and /admin shows the same counters,
// live. Off without the token: traces.spec.ts, on a stack of its own.

test("a sign-in through the browser moves the counters, and no series names the user", async ({
  browser,
  request,
}) => {
  const user = await signUpUser(browser, "metrics");
  const before = await scrape(request);
  const { context, app } = await openApp(browser, user.username, user.password);
  const userId = await app.userId();

  const after = await scrape(request);
  const grew = (name: string, labels: Record<string, string>) =>
    after.value(name, labels) - before.value(name, labels);
  expect(grew("realtime_sessions_started_total", { kind: "web", method: "credentials" })).toBe(1);
  expect(
    grew("realtime_auth_requests_total", { endpoint: "user_auth", outcome: "ok" }),
  ).toBeGreaterThanOrEqual(1);
  // "Online now", at least.
  expect(
    grew("realtime_auth_requests_total", { endpoint: "channel_auth", outcome: "ok" }),
  ).toBeGreaterThanOrEqual(1);
  expect(
    grew("realtime_auth_request_duration_seconds_count", { endpoint: "user_auth" }),
  ).toBeGreaterThanOrEqual(1);
  expect(after.value("realtime_sessions_live", { kind: "web" })).toBeGreaterThanOrEqual(1);

  // A refusal: channel auth without a session.
  const refused = { endpoint: "channel_auth", outcome: "refused" };
  const anonymous = await request.post("/api/pusher/auth", {
    form: { socket_id: "1.1", channel_name: "private-anything" },
  });
  expect(anonymous.status()).toBe(401);
  expect((await scrape(request)).value("realtime_auth_requests_total", refused)).toBe(
    after.value("realtime_auth_requests_total", refused) + 1,
  );

  // A limit: tickets, asked for until the route says to wait.
  const throttled = { scope: "tickets" };
  const throttledBefore = (await scrape(request)).value(
    "realtime_throttle_refusals_total",
    throttled,
  );
  let status = 200;
  for (let asked = 0; asked < 100 && status === 200; asked++) {
    status = (await context.request.post("/api/realtime/tickets")).status();
  }
  expect(status).toBe(429);
  const limited = await scrape(request);
  expect(limited.value("realtime_throttle_refusals_total", throttled)).toBe(throttledBefore + 1);
  expect(
    limited.value("realtime_auth_requests_total", { endpoint: "ticket", outcome: "ok" }),
  ).toBeGreaterThan(0);

  await app.signOut();
  const ended = await scrape(request);
  expect(ended.value("realtime_sessions_ended_total", { reason: "signed_out" })).toBeGreaterThan(
    before.value("realtime_sessions_ended_total", { reason: "signed_out" }),
  );
  for (const personal of [user.username, userId, user.password]) {
    expect(ended.text).not.toContain(personal);
  }
  await context.close();
});

test("channel auth counts each channel it judges, so a batch of refusals shows as refusals", async ({
  browser,
  context,
}) => {
  const user = await signUpUser(browser, "answers");
  // Signed in by the form, with no page: an open /app would authorize its own channels meanwhile.
  const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
  const signIn = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, username: user.username, password: user.password },
    maxRedirects: 0,
  });
  expect(signIn.headers()["set-cookie"] ?? "").toContain("authjs.session-token");

  const probes = Array.from({ length: 7 }, (_, index) => `private-probe-${index}`);
  const before = await scrape(context.request);
  const answer = await context.request.post("/api/pusher/auth/batch", {
    data: { socket_id: "1.2", channel_names: ["presence-online", ...probes] },
  });
  expect(answer.status()).toBe(200);
  const single = await context.request.post("/api/pusher/auth", {
    form: { socket_id: "1.2", channel_name: "private-probe-single" },
  });
  expect(single.status()).toBe(403);
  const after = await scrape(context.request);
  const grew = (name: string, labels: Record<string, string>) =>
    after.value(name, labels) - before.value(name, labels);
  // Per channel: the batch's 1 signed and 7 refused, and the single request's refusal.
  expect(grew("realtime_channel_auth_answers_total", { outcome: "ok" })).toBe(1);
  expect(grew("realtime_channel_auth_answers_total", { outcome: "refused" })).toBe(
    probes.length + 1,
  );
  expect(grew("realtime_channel_auth_answers_total", { outcome: "error" })).toBe(0);
  // Per request, the batch is one ok: what the per-channel count is for.
  expect(grew("realtime_auth_requests_total", { endpoint: "channel_auth", outcome: "ok" })).toBe(1);
  expect(
    grew("realtime_auth_requests_total", { endpoint: "channel_auth", outcome: "refused" }),
  ).toBe(1);
});

test("GET /api/metrics refuses a request without the token, or with a wrong one", async ({
  request,
}) => {
  for (const headers of [
    {},
    bearer(`${METRICS_TOKEN}x`),
    bearer("a-wrong-token-of-the-same-length-as-it"),
    { Authorization: `Basic ${METRICS_TOKEN}` },
    { Authorization: METRICS_TOKEN },
  ]) {
    const answer = await request.get("/api/metrics", { headers });
    expect(answer.status(), JSON.stringify(headers)).toBe(401);
    expect((await answer.json()).error).toBe("metrics_token_required");
    expect(await answer.text()).not.toContain("realtime_");
  }
});

test("/admin shows the counters of this instance, refreshed without a reload", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();
  const panel = alice.app.page.getByTestId("instance-metrics");
  await expect(panel).toContainText("This instance's own counters");
  await expect(panel.getByTestId("live-web")).toHaveText(/^\d+$/);
  await expect(panel.getByTestId("p95")).toHaveText(/^\d+ ms$/);
  await expect(panel.getByRole("img", { name: /The last hour/ })).toBeVisible();
  const signIns = async () => Number(await panel.getByTestId("sign-ins").textContent());
  const shown = await signIns();

  // Another sign-in elsewhere: the panel counts it on its own, the page is not reloaded.
  let reloaded = false;
  alice.app.page.on("framenavigated", () => {
    reloaded = true;
  });
  await signUpUser(browser, "panel");
  await expect.poll(signIns, { timeout: 20_000 }).toBeGreaterThan(shown);
  expect(reloaded).toBe(false);
  await alice.context.close();
});

test("the panel's figures are for admins only", async ({ browser, request }) => {
  const anonymous = await request.get("/api/admin/instance-metrics");
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error).toBe("no_session");
  const user = await signUpUser(browser, "notadmin");
  const { context } = await openApp(browser, user.username, user.password);
  const answer = await context.request.get("/api/admin/instance-metrics");
  expect(answer.status()).toBe(403);
  expect((await answer.json()).error).toBe("admin_only");
  await context.close();
});
