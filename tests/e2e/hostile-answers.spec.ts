import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { openApp, signUpUser, stackSecrets } from "./fixtures";
import { AdminPage } from "./pages/admin-page";
import { expectNonceOnScripts, expectPolicy, expectStaticHeaders } from "./support/answer-headers";
import { randomLoopback, sendFrom } from "./support/source-address";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// Every answer is an answer: prefetches, 404s, Auth.js's pages, malformed paths, replayed
// webhooks and refused server actions all come back 4xx (or 2xx) with the security headers.

const PREFETCHES: Record<string, string>[] = [
  { "next-router-prefetch": "1" },
  { purpose: "prefetch" },
  { "sec-purpose": "prefetch" },
  { rsc: "1", "next-router-prefetch": "1" },
];

test("a prefetch of /, /account or /admin carries the policy, as a document or RSC", async ({
  browser,
  request,
}) => {
  const alice = await openApp(browser, "alice");
  const pages = [
    { path: "/", client: request },
    { path: "/account", client: alice.context.request },
    { path: "/admin", client: alice.context.request },
  ];
  for (const { path, client } of pages) {
    for (const headers of PREFETCHES) {
      await test.step(`${path} ${JSON.stringify(headers)}`, async () => {
        const response = await client.get(path, { headers, maxRedirects: 0 });
        // An RSC request without its cache-busting parameter is redirected to one with it.
        expect(response.status()).toBe("rsc" in headers ? 307 : 200);
        const nonce = expectPolicy(response.headers());
        await expectNonceOnScripts(response, nonce);
      });
    }
  }
  await alice.context.close();
});

test("404s, page or API, and Auth.js's own pages carry the policy", async ({ request }) => {
  for (const path of ["/no-such-page", "/api/no-such-route", "/api/auth/no-such-action"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeGreaterThanOrEqual(400);
    expect(response.status(), path).toBeLessThan(500);
    await expectNonceOnScripts(response, expectPolicy(response.headers()));
  }
  for (const path of [
    "/api/auth/error",
    "/api/auth/error?error=Configuration",
    "/api/auth/signout",
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    // Anyone may ask for the error page of a misconfiguration: never a 500.
    expect(response.status(), path).toBeLessThan(500);
    expect(response.headers()["content-type"], path).toContain("text/html");
    await expectNonceOnScripts(response, expectPolicy(response.headers()));
  }
  const signIn = await request.get("/api/auth/signin", { maxRedirects: 0 });
  expectPolicy(signIn.headers());
});

test("errors carry the static headers: 405, 413, the health route, a static file", async ({
  request,
}) => {
  const answers = [
    await request.delete("/api/health"),
    await request.get("/api/health"),
    await request.get("/favicon.ico"),
    await request.post("/api/pusher/webhooks", {
      headers: { "content-type": "application/json" },
      data: Buffer.alloc(300 * 1024, "x"),
    }),
  ];
  expect(answers.map((answer) => answer.status())).toEqual([405, 200, 200, 413]);
  for (const answer of answers) expectStaticHeaders(answer.headers());
});

test("a malformed percent-encoding in a path gets 400 with the headers, never a 500", async () => {
  for (const [method, path] of [
    ["DELETE", "/api/account/devices/%ZZ"],
    ["GET", "/api/auth/%ZZ"],
    ["POST", "/api/auth/callback/%E0%A4%A"],
    ["GET", "/api/rooms/%ZZ/messages"],
    ["GET", "/api/direct-messages/%C3%28"],
  ] as const) {
    const answer = await sendFrom(randomLoopback(), path, { method });
    expect(answer.status, path).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "invalid_path" });
    expectPolicy(answer.headers);
  }
  const page = await sendFrom(randomLoopback(), "/sign-in/%ZZ", { method: "GET" });
  expect(page.status).toBe(400);
  expectPolicy(page.headers);
});

test("a signed webhook delivery replayed within its window is accepted once", async ({
  browser,
  request,
}) => {
  const { username } = await signUpUser(browser, "replay");
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();
  const id = await admin.row(username).locator('input[name="userId"]').first().inputValue();
  const { PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
  const send = (body: string) =>
    request.post("/api/pusher/webhooks", {
      headers: {
        "content-type": "application/json",
        "x-pusher-key": PUSHER_KEY,
        "x-pusher-signature": createHmac("sha256", PUSHER_SECRET).update(body).digest("hex"),
      },
      data: Buffer.from(body),
    });
  // Later than the realtime server's own deliveries for this user (its sign-up's tab, closed by
  // now), which the app would otherwise order after these: presence follows time_ms.
  const occupiedAt = Date.now();
  const occupied = JSON.stringify({
    time_ms: occupiedAt,
    events: [{ name: "channel_occupied", channel: `private-user-${id}` }],
  });
  const first = await send(occupied);
  expect(await first.json()).toEqual({ received: 1 });
  await admin.goto();
  await expect(admin.row(username).getByTestId("status")).toHaveText("online");

  const vacated = JSON.stringify({
    time_ms: occupiedAt + 1,
    events: [{ name: "channel_vacated", channel: `private-user-${id}` }],
  });
  expect(await (await send(vacated)).json()).toEqual({ received: 1 });
  // Replayed, each is answered 200 (the realtime server must not retry) and changes nothing.
  for (const body of [vacated, occupied]) {
    const again = await send(body);
    expect(again.status()).toBe(200);
    expect(await again.json()).toEqual({ received: 0, duplicate: true });
  }
  await admin.goto();
  await expect(admin.row(username).getByTestId("status")).toHaveText("offline");
  await alice.context.close();
});

/** The build's server actions by their exported name. */
function actionId(name: string): string {
  const manifest: { node: Record<string, { exportedName?: string }> } = JSON.parse(
    readFileSync(".next/server/server-reference-manifest.json", "utf8"),
  );
  const found = Object.entries(manifest.node).find(([, action]) => action.exportedName === name);
  if (!found) throw new Error(`no server action ${name} in the build`);
  return found[0];
}

test.describe("server actions refused by the app answer 4xx with the headers", () => {
  const base = () => new URL(workerStack().baseURL);
  const origin = () => base().origin;
  const call = (
    id: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
    cookie?: string,
    page = "/sign-in",
  ) =>
    sendFrom(randomLoopback(), page, {
      headers: {
        host: base().host,
        "next-action": id,
        "content-type": "text/plain;charset=UTF-8",
        origin: origin(),
        ...(cookie && { cookie }),
        ...headers,
      },
      body,
    });

  test("a foreign or null Origin gets 403", async () => {
    for (const value of ["https://evil.example", "null", `${origin()}.evil.example`]) {
      const answer = await call(actionId("signOutAction"), "[]", { origin: value });
      expect(answer.status, value).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ error: "forbidden_origin" });
      expectPolicy(answer.headers);
    }
  });

  test("a body over the limit gets 413, declared or streamed", async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, "x");
    const declared = await call(actionId("signInAction"), big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ error: "body_too_large" });
    expectPolicy(declared.headers);
    const streamed = await call(actionId("signInAction"), big, { "transfer-encoding": "chunked" });
    expect(streamed.status).toBe(413);
  });

  test("an unknown action id gets 404, with the header that tells the client it is gone", async () => {
    for (const id of ["deadbeef", "00deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"]) {
      const answer = await call(id, "[]");
      expect(answer.status, id).toBe(404);
      expect(JSON.parse(answer.body)).toMatchObject({ error: "unknown_action" });
      expect(answer.headers["x-nextjs-action-not-found"]).toBe("1");
      expectPolicy(answer.headers);
    }
  });

  test("malformed arguments get 400, or 404 when they decode but are no form", async ({
    browser,
  }) => {
    const alice = await openApp(browser, "alice");
    const cookie = (await alice.context.cookies())
      .map(({ name, value }) => `${name}=${value}`)
      .join("; ");
    // Each posted to a page of its own: posted to another, Next.js forwards the call to one, and
    // answers 200 with the 404 in the payload.
    for (const [name, page, body, status] of [
      ["signInAction", "/sign-in", "not json", 400],
      ["signInAction", "/sign-in", '{"0": 1}', 400],
      ["signInAction", "/sign-in", "[1, 2]", 404],
      ["signUpAction", "/sign-up", '[{}, "x"]', 404],
      ["signOutDeviceAction", "/account", '[null, "not a form"]', 404],
      ["setRoleAction", "/admin", "[null, null]", 404],
      ["setServiceAuthAction", "/admin", "[null, []]", 404],
      ["sendToUserAction", "/app", "[{}, 42]", 404],
      // References to parts that a text body does not have, which React's decoder fails on.
      ["sendToUserAction", "/app", '["$1", "x"]', 400],
      ["sendToUserAction", "/app", '["$Q9", "x"]', 400],
      ["sendToUserAction", "/app", '["$nzz", "x"]', 400],
    ] as const) {
      const answer = await call(actionId(name), body, {}, cookie, page);
      expect(answer.status, `${name} ${body}`).toBe(status);
      expectPolicy(answer.headers);
    }
    await alice.context.close();
  });
});
