import { createHmac } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { openApp, setServiceAuth, stackSecrets, uniqueUsername } from "./fixtures";
import { AdminPage } from "./pages/admin-page";
import { postJsonFrom, randomLoopback } from "./support/source-address";
import { expect, test } from "./test";

// The auth endpoints as pusher-js and attackers see them: every refusal is JSON with a code.

const FORM = { "content-type": "application/x-www-form-urlencoded" };

function post(
  request: APIRequestContext,
  path: string,
  form: Record<string, string> | [string, string][],
  headers = {},
) {
  return request.post(path, {
    headers: { ...FORM, ...headers },
    data: new URLSearchParams(form).toString(),
  });
}

/** POSTs `body` as a webhook delivery, signed with `secret` unless `headers` say otherwise. */
function sendWebhook(
  request: APIRequestContext,
  body: string,
  headers: { key?: string; signature?: string; secret?: string } = {},
) {
  const { PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
  const signature =
    headers.signature ??
    createHmac("sha256", headers.secret ?? PUSHER_SECRET)
      .update(body)
      .digest("hex");
  return request.post("/api/pusher/webhooks", {
    headers: {
      "content-type": "application/json",
      ...(headers.key !== "" && { "x-pusher-key": headers.key ?? PUSHER_KEY }),
      ...(signature !== "" && { "x-pusher-signature": signature }),
    },
    // A Buffer, as Playwright would send a string that is not JSON as a JSON string.
    data: Buffer.from(body),
  });
}

test.describe("without a session", () => {
  test("user-auth, channel auth and tickets answer 401", async ({ request }) => {
    for (const path of ["/api/pusher/user-auth", "/api/pusher/auth"]) {
      const response = await post(request, path, {
        socket_id: "1.2",
        channel_name: "private-user-x",
      });
      expect(response.status()).toBe(401);
      expect(await response.json()).toMatchObject({ error: "no_session" });
    }
    const tickets = await request.post("/api/realtime/tickets");
    expect(tickets.status()).toBe(401);
    expect(await tickets.json()).toMatchObject({ error: "no_session" });
  });

  test("a forged realtime session token gets 401", async ({ request }) => {
    const response = await post(request, "/api/pusher/user-auth", {
      socket_id: "1.2",
      session: "rts_forged",
    });
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ error: "session_ended" });
  });
});

test.describe("signed in as bob", () => {
  let request: APIRequestContext;
  let bobId: string;
  let close: () => Promise<void>;

  test.beforeAll(async ({ browser }) => {
    const bob = await openApp(browser, "bob");
    request = bob.context.request;
    bobId = await bob.app.userId();
    close = () => bob.context.close();
  });
  test.afterAll(() => close());

  test("user-auth signs the socket with the app key and carries the user's public fields", async () => {
    const response = await post(request, "/api/pusher/user-auth", { socket_id: "1234.5678" });
    expect(response.status()).toBe(200);
    const body = await response.json();
    const { PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
    const expected = createHmac("sha256", PUSHER_SECRET)
      .update(`1234.5678::user::${body.user_data}`)
      .digest("hex");
    expect(body.auth).toBe(`${PUSHER_KEY}:${expected}`);
    const userData = JSON.parse(body.user_data);
    expect(userData).toMatchObject({ id: bobId, user_info: { name: "Bob", username: "bob" } });
    expect(Array.isArray(userData.watchlist)).toBe(true);
    expect(body.user_data).not.toContain("password");
  });

  test("malformed input gets 400 and a wrong content type gets 400", async () => {
    for (const socketId of ["", "abc", "1.2.3", "1".repeat(100)]) {
      const response = await post(request, "/api/pusher/user-auth", { socket_id: socketId });
      expect(response.status()).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_request" });
    }
    const json = await request.post("/api/pusher/user-auth", { data: { socket_id: "1.2" } });
    expect(json.status()).toBe(400);
    expect(await json.json()).toMatchObject({ error: "unsupported_content_type" });
    const huge = await post(request, "/api/pusher/user-auth", {
      socket_id: "1.2",
      ticket: "x".repeat(20_000),
    });
    expect(huge.status()).toBe(413);
    expect(await huge.json()).toMatchObject({ error: "body_too_large" });
  });

  test("cross-site requests get 403", async () => {
    const paths = ["/api/pusher/user-auth", "/api/pusher/auth", "/api/realtime/tickets"];
    for (const path of paths) {
      for (const headers of [
        { "sec-fetch-site": "cross-site" },
        { origin: "https://evil.example" },
      ]) {
        const response = await post(
          request,
          path,
          { socket_id: "1.2", channel_name: `private-user-${bobId}` },
          headers,
        );
        expect(response.status(), `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(await response.json()).toMatchObject({ error: "cross_site_request" });
      }
    }
  });

  test("channel auth follows the rules and answers presence with channel_data", async () => {
    const own = await post(request, "/api/pusher/auth", {
      socket_id: "1.2",
      channel_name: `private-user-${bobId}`,
    });
    expect(own.status()).toBe(200);
    const ownBody = await own.json();
    expect(ownBody.auth).toMatch(/^[0-9a-f]+:[0-9a-f]{64}$/);
    // A private channel has no member data, and no key.
    expect(Object.keys(ownBody)).toEqual(["auth"]);

    const other = await post(request, "/api/pusher/auth", {
      socket_id: "1.2",
      channel_name: "private-user-not-bob",
    });
    expect(other.status()).toBe(403);
    expect(await other.json()).toMatchObject({ error: "channel_forbidden" });

    const online = await post(request, "/api/pusher/auth", {
      socket_id: "1.2",
      channel_name: "presence-online",
    });
    expect(online.status()).toBe(200);
    const presence = await online.json();
    const channelData = JSON.parse(presence.channel_data);
    // The name only: every member sees it, and a username is half of a sign-in.
    expect(channelData).toEqual({ user_id: bobId, user_info: { name: "Bob" } });
    // The signature covers the member's data, so a socket cannot join as someone else.
    const { PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
    const signature = createHmac("sha256", PUSHER_SECRET)
      .update(`1.2:presence-online:${presence.channel_data}`)
      .digest("hex");
    expect(presence.auth).toBe(`${PUSHER_KEY}:${signature}`);

    const bad = await post(request, "/api/pusher/auth", {
      socket_id: "1.2",
      channel_name: "private user",
    });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_request" });
  });

  test("a ticket is issued with its expiry", async () => {
    const response = await request.post("/api/realtime/tickets");
    expect(response.status()).toBe(200);
    const { userTicket, expiresAt } = await response.json();
    expect(userTicket).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const minutes = (Date.parse(expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
  });

  test("a field sent twice gets 400, whichever value the app would have read", async () => {
    const ticket = (await (await request.post("/api/realtime/tickets")).json()).userTicket;
    const cases: [string, [string, string][]][] = [
      [
        "/api/pusher/user-auth",
        [
          ["socket_id", "1.1"],
          ["socket_id", "2.2"],
        ],
      ],
      [
        "/api/pusher/user-auth",
        [
          ["socket_id", "1.1"],
          ["ticket", ticket],
          ["ticket", ticket],
        ],
      ],
      [
        "/api/pusher/user-auth",
        [
          ["socket_id", "1.1"],
          ["session", "rts_a"],
          ["session", "rts_b"],
        ],
      ],
      [
        "/api/pusher/auth",
        [
          ["socket_id", "1.1"],
          ["socket_id", "2.2"],
          ["channel_name", `private-user-${bobId}`],
        ],
      ],
      [
        "/api/pusher/auth",
        [
          ["socket_id", "1.1"],
          ["channel_name", "private-user-someone-else"],
          ["channel_name", `private-user-${bobId}`],
        ],
      ],
      [
        "/api/pusher/auth",
        [
          ["socket_id", "1.1"],
          ["channel_name", "presence-online"],
          ["session", "a"],
          ["session", "b"],
        ],
      ],
    ];
    for (const [path, form] of cases) {
      const response = await post(request, path, form);
      const field = form.find(([name], i) => form.findIndex(([other]) => other === name) !== i);
      expect(response.status(), `${path} ${JSON.stringify(form)}`).toBe(400);
      expect(await response.json()).toEqual({
        error: "invalid_request",
        message: `${field?.[0]} was sent more than once.`,
      });
    }
  });

  test("a ticket's MAC is not a webhook signature", async () => {
    const { userTicket } = await (await request.post("/api/realtime/tickets")).json();
    const [payload = "", mac = ""] = String(userTicket).split(".");
    const json = Buffer.from(payload, "base64url").toString("utf8");
    const response = await sendWebhook(request, json, {
      signature: Buffer.from(mac, "base64url").toString("hex"),
    });
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_signature" });
  });

  test("a non-admin gets 403 from /admin", async () => {
    const response = await request.get("/admin");
    expect(response.status()).toBe(403);
  });
});

test.describe("webhooks", () => {
  const delivery = (time_ms = Date.now()) =>
    JSON.stringify({ time_ms, events: [{ name: "channel_occupied", channel: "x" }] });

  test("need the app's signature on the raw body", async ({ request }) => {
    const forged = await sendWebhook(request, delivery(), { secret: "not-the-secret" });
    expect(forged.status()).toBe(401);
    expect(await forged.json()).toMatchObject({ error: "invalid_signature" });
    const genuine = await sendWebhook(request, delivery());
    expect(genuine.status()).toBe(200);
    expect(await genuine.json()).toEqual({ received: 1 });
  });

  test("a missing or malformed signature or key gets 401, never a 500", async ({ request }) => {
    const body = delivery();
    const signature = createHmac("sha256", stackSecrets().PUSHER_SECRET).update(body).digest("hex");
    for (const headers of [
      { signature: "" },
      { signature: "abc" },
      { signature: signature.toUpperCase() },
      { signature: `${signature}0` },
      { signature: signature.slice(1) },
      { key: "" },
      { key: "another-app" },
    ]) {
      const response = await sendWebhook(request, body, headers);
      expect(response.status(), JSON.stringify(headers)).toBe(401);
      expect(await response.json()).toMatchObject({ error: "invalid_signature" });
    }
  });

  test("a signed body that is not JSON, or not a delivery, gets 400", async ({ request }) => {
    for (const body of [
      "not json",
      "[]",
      JSON.stringify({ time_ms: Date.now(), events: {} }),
      JSON.stringify({ time_ms: String(Date.now()), events: [] }),
      JSON.stringify({ time_ms: Date.now(), events: [{ name: "channel_occupied" }] }),
      JSON.stringify({ events: [{ name: "channel_occupied", channel: "x" }] }),
    ]) {
      const response = await sendWebhook(request, body);
      expect(response.status(), body).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_request" });
    }
  });

  test("a delivery from more than 5 minutes ago or ahead is ignored and changes nothing", async ({
    browser,
    request,
  }) => {
    await setServiceAuth(browser, "on");
    const username = uniqueUsername("seen");
    const created = await postJsonFrom(randomLoopback(), "/api/realtime/service/users", {
      username,
      password: "a-long-enough-password",
    });
    expect(created.status).toBe(201);
    const { id } = JSON.parse(created.body).user;
    const events = [
      { name: "channel_occupied", channel: `private-user-${id}` },
      { name: "member_added", channel: "presence-online", user_id: id },
    ];
    const alice = await openApp(browser, "alice");
    const admin = new AdminPage(alice.app.page);
    const row = admin.row(username);

    for (const time_ms of [Date.now() - 60 * 60_000, Date.now() + 6 * 60_000]) {
      const response = await sendWebhook(request, JSON.stringify({ time_ms, events }));
      expect(response.status()).toBe(200);
      expect(await response.json()).toEqual({ received: 0, ignored: 2 });
    }
    await admin.goto();
    await expect(row.getByTestId("status")).toHaveText("offline");
    await expect(row).toContainText("never");

    // The same delivery, on time, is taken: what the page shows above can change.
    const onTime = await sendWebhook(request, JSON.stringify({ time_ms: Date.now(), events }));
    expect(await onTime.json()).toEqual({ received: 2 });
    await admin.goto();
    await expect(row.getByTestId("status")).toHaveText("online");
    await expect(row).not.toContainText("never");
    await alice.context.close();
  });
});

test("a ticket issued before sign-out is revoked", async ({ browser, request }) => {
  const carol = await openApp(browser, "carol");
  const { userTicket } = await (await carol.context.request.post("/api/realtime/tickets")).json();
  await carol.app.signOut();
  await expect(carol.app.page).toHaveURL(/\/$/);

  const response = await post(request, "/api/pusher/user-auth", {
    socket_id: "1.2",
    ticket: userTicket,
  });
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ error: "ticket_revoked" });
  await carol.context.close();
});
