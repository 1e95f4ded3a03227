import { createHmac } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { issueTicket } from "../../lib/credentials/ticket/format";
import { webhookDeliverySchema } from "../../lib/realtime/server/webhooks";
import { openApp, stackSecrets } from "./fixtures";
import {
  bodies,
  contentTypes,
  expectRefusedCleanly,
  expectRepeatedRefused,
  FORM,
  formRequests,
  headerSets,
  oddText,
  send,
  socketIds,
} from "./support/hostile-input";
import { expect, test } from "./test";

// Hostile input, generated: 10,500 malformed or forged requests in all. None may get a 5xx,
// every refusal must be JSON with a code, and no forgery may be accepted. Each request comes
// from a random loopback address, as from an attacker with many: none spends the budgets of
// 127.0.0.1, where the other specs sign in and up.

let bob: { cookie: string; id: string; close: () => Promise<void> };

test.beforeAll(async ({ browser }) => {
  const opened = await openApp(browser, "bob");
  const cookies = await opened.context.cookies();
  bob = {
    cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; "),
    id: await opened.app.userId(),
    close: () => opened.context.close(),
  };
});
test.afterAll(() => bob.close());

test("user-auth: 2,500 malformed requests, no 5xx", async () => {
  test.setTimeout(300_000);
  const fields = { socket_id: socketIds, ticket: oddText, session: oddText };
  await fc.assert(
    fc.asyncProperty(formRequests(fields), fc.boolean(), async (input, signedIn) => {
      const sent = await send("/api/pusher/user-auth", input, signedIn ? bob.cookie : undefined);
      expectRefusedCleanly(sent);
      if ("repeated" in input) expectRepeatedRefused(sent, input.repeated);
    }),
    { numRuns: 2_500 },
  );
});

test("channel auth: 2,500 malformed requests, no 5xx, nothing granted beyond the rules", async () => {
  test.setTimeout(300_000);
  // The core's rules: bob's own user channel, and who is online.
  const allowed = new Set([`private-user-${bob.id}`, "presence-online"]);
  const channels = fc.oneof(
    oddText,
    fc.constantFrom(
      ...allowed,
      "private-user-someone-else",
      "private-user-",
      `private-encrypted-user-${bob.id}`,
      `presence-user-${bob.id}`,
      "private-online",
      "presence-Online",
      "presence-online-",
      `presence-online-${bob.id}`,
    ),
    fc.string().map((suffix) => `private-user-${bob.id}${suffix}`),
    fc.string().map((suffix) => `presence-online${suffix}`),
  );
  const fields = { socket_id: socketIds, channel_name: channels, session: oddText };
  await fc.assert(
    fc.asyncProperty(formRequests(fields), async (input) => {
      const sent = await send("/api/pusher/auth", input, bob.cookie);
      expectRefusedCleanly(sent);
      if ("repeated" in input) expectRepeatedRefused(sent, input.repeated);
      if (sent.status === 200) {
        const channel = new URLSearchParams(input.body).get("channel_name") ?? "";
        expect(allowed.has(channel), `granted ${channel}`).toBe(true);
      }
    }),
    { numRuns: 2_500 },
  );
});

test("tickets: 2,000 forged or tampered tickets, none accepted", async () => {
  test.setTimeout(300_000);
  const { PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
  const genuine = issueTicket(
    bob.id,
    { appKey: PUSHER_KEY, secret: PUSHER_SECRET },
    { ttlSeconds: 600, flow: "backend" },
  );
  const forged = fc.oneof(
    // A valid payload signed with a guessed secret.
    fc
      .string({ minLength: 1 })
      .map(
        (secret) =>
          issueTicket(bob.id, { appKey: PUSHER_KEY, secret }, { ttlSeconds: 600, flow: "backend" })
            .userTicket,
      ),
    // The genuine ticket with one character changed.
    fc.nat({ max: genuine.userTicket.length - 1 }).chain((at) =>
      fc.constantFrom(..."ABCDEFabcdef0123456789-_.").map((c) => {
        const chars = [...genuine.userTicket];
        chars[at] = chars[at] === c ? "Z" : c;
        return chars.join("");
      }),
    ),
    // Correctly signed but expired, or for another app.
    fc.constant(
      issueTicket(
        bob.id,
        { appKey: PUSHER_KEY, secret: PUSHER_SECRET },
        { ttlSeconds: 1, flow: "service", now: Date.now() - 5_000 },
      ).userTicket,
    ),
    fc.constant(
      issueTicket(
        bob.id,
        { appKey: "other-app", secret: PUSHER_SECRET },
        { ttlSeconds: 600, flow: "backend" },
      ).userTicket,
    ),
    oddText,
  );
  await fc.assert(
    fc.asyncProperty(forged, fc.ipV4(), async (ticket, ip) => {
      const body = new URLSearchParams({ socket_id: "1234.5678", ticket }).toString();
      const sent = await send("/api/pusher/user-auth", {
        contentType: FORM,
        body,
        headers: { "x-forwarded-for": ip },
      });
      expectRefusedCleanly(sent);
      expect(sent.status, `accepted ${ticket}`).not.toBe(200);
    }),
    { numRuns: 2_000 },
  );
});

test("service endpoints: 2,000 malformed requests, no 5xx", async () => {
  test.setTimeout(300_000);
  const usernames = fc.oneof(oddText, fc.stringMatching(/^[a-z0-9_-]{3,32}$/));
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        url: fc.constantFrom("/api/realtime/service/sessions", "/api/realtime/service/users"),
        contentType: contentTypes,
        body: bodies({ username: usernames, password: oddText, name: oddText }),
        headers: headerSets,
      }),
      async (input) => expectRefusedCleanly(await send(input.url, input)),
    ),
    { numRuns: 2_000 },
  );
});

test("webhooks: 750 forged deliveries refused, and 750 signed bodies judged by their shape", async () => {
  test.setTimeout(300_000);
  const { PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
  const hmac = (secret: string, text: string) =>
    createHmac("sha256", secret).update(text).digest("hex");
  const bodies = fc.oneof(
    fc.json(),
    oddText,
    fc
      .record({
        time_ms: fc.oneof(fc.integer(), fc.string(), fc.constant(Date.now())),
        events: fc.oneof(
          fc.jsonValue(),
          fc.array(
            fc.record(
              {
                name: fc.oneof(
                  fc.string(),
                  fc.constantFrom("channel_occupied", "channel_vacated", "member_added"),
                ),
                channel: fc.oneof(
                  fc.string(),
                  oddText.map((id) => `private-user-${id}`),
                ),
                user_id: fc.oneof(fc.jsonValue(), oddText),
              },
              { requiredKeys: ["name"] },
            ),
          ),
        ),
      })
      .map((delivery) => JSON.stringify(delivery)),
  );
  // Any body with no signature, a malformed or a random one, or one made with a guessed secret;
  // with our key, another app's or none.
  const forgedBodies = bodies.chain((text) =>
    fc.record({
      text: fc.constant(text),
      signature: fc.oneof(
        fc.constant(""),
        fc.stringMatching(/^[\x21-\x7e]{0,80}$/),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.string().map((secret) => hmac(secret || "x", text)),
      ),
      key: fc.constantFrom(PUSHER_KEY, PUSHER_KEY, "another-app", ""),
    }),
  );
  // A genuine ticket's JSON with the ticket's own MAC, in hex, as the signature.
  const tickets = Array.from({ length: 20 }, () => {
    const { userTicket } = issueTicket(
      bob.id,
      { appKey: PUSHER_KEY, secret: PUSHER_SECRET },
      { ttlSeconds: 600, flow: "backend" },
    );
    const [payload = "", mac = ""] = userTicket.split(".");
    return {
      text: Buffer.from(payload, "base64url").toString("utf8"),
      signature: Buffer.from(mac, "base64url").toString("hex"),
      key: PUSHER_KEY,
    };
  });
  const post = (text: string, headers: Record<string, string>) =>
    send("/api/pusher/webhooks", { contentType: "application/json", body: text, headers });

  await fc.assert(
    fc.asyncProperty(
      fc.oneof(forgedBodies, fc.constantFrom(...tickets)),
      async ({ text, signature, key }) => {
        const headers = {
          ...(key && { "x-pusher-key": key }),
          ...(signature && { "x-pusher-signature": signature }),
        };
        const forged = await post(text, headers);
        expectRefusedCleanly(forged);
        // A missing or malformed signature or key is refused first, then a body that is not JSON.
        const wellFormed = key === PUSHER_KEY && /^[0-9a-f]{64}$/.test(signature);
        const json = parseJson(text);
        expect(forged.status, `${JSON.stringify(headers)} ${text}`).toBe(
          wellFormed && json === undefined ? 400 : 401,
        );

        // The same body, signed: taken only when it is a delivery.
        const signed = await post(text, {
          "x-pusher-key": PUSHER_KEY,
          "x-pusher-signature": hmac(PUSHER_SECRET, text),
        });
        expectRefusedCleanly(signed);
        const isDelivery = webhookDeliverySchema.safeParse(json).success;
        expect(signed.status, text).toBe(isDelivery ? 200 : 400);
      },
    ),
    { numRuns: 750 },
  );
});

test("sign-in redirects: 1,000 hostile callbackUrl values, each leads to this site or nowhere", async ({
  request,
}) => {
  test.setTimeout(300_000);
  const tricks = fc.constantFrom(
    "/\t/evil.example",
    "/\n/evil.example",
    "/\\evil.example",
    "//evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "https://evil.example/app",
    "javascript:alert(1)",
    "\u3000/evil.example",
    "/app\r\nSet-Cookie: x=y",
  );
  const values = fc.oneof(
    oddText,
    tricks,
    fc.tuple(tricks, oddText).map(([trick, text]) => `${trick}${text}`),
    fc.webUrl(),
    fc.webPath(),
  );
  await fc.assert(
    fc.asyncProperty(values, async (callbackUrl) => {
      // Signed in, the sign-in page redirects to the target at once.
      const response = await request.get(
        `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`,
        { headers: { cookie: bob.cookie }, maxRedirects: 0 },
      );
      expect(response.status(), callbackUrl).toBe(307);
      const location = response.headers().location ?? "";
      expect(location, callbackUrl).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
      expect(new URL(location, "http://app.invalid").host, callbackUrl).toBe("app.invalid");
    }),
    { numRuns: 1_000 },
  );
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every file below `dir`. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

test("no secret reaches the browser bundle or any response a client can get", async ({
  browser,
  request,
}) => {
  const secrets = stackSecrets() as unknown as Record<string, string>;
  const values = ["AUTH_SECRET", "PUSHER_SECRET", "PUSHER_ENCRYPTION_MASTER_KEY"].map(
    (name): [string, string] => [name, secrets[name] ?? ""],
  );
  for (const [, value] of values) expect(value.length).toBeGreaterThan(15);

  // The client bundle names no secret (only NEXT_PUBLIC_ variables could be inlined at all).
  const bundle = files(".next/static").filter((file) => /\.(js|css|json|html)$/.test(file));
  expect(bundle.length).toBeGreaterThan(0);
  for (const file of bundle) {
    const text = readFileSync(file, "utf8");
    for (const [name, value] of values) {
      expect(text.includes(name), `${name} named in ${file}`).toBe(false);
      expect(text.includes(value), `${name} in ${file}`).toBe(false);
    }
  }

  // What a signed-in admin and an anonymous visitor can fetch, scripts included.
  const alice = await openApp(browser, "alice");
  const bodies: string[] = [];
  for (const client of [alice.context.request, request]) {
    for (const url of [
      "/",
      "/sign-in",
      "/sign-up",
      "/app",
      "/admin",
      "/quickstart",
      "/api/health",
    ]) {
      const page = await (await client.get(url)).text();
      bodies.push(page);
      for (const script of page.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)) {
        bodies.push(await (await client.get(script[1] ?? "")).text());
      }
    }
    for (const [url, form] of [
      ["/api/pusher/user-auth", "socket_id=1.2"],
      ["/api/pusher/auth", "socket_id=1.2&channel_name=presence-online"],
    ] as const) {
      bodies.push(
        await (
          await client.post(url, {
            headers: { "content-type": "application/x-www-form-urlencoded" },
            data: form,
          })
        ).text(),
      );
    }
    bodies.push(await (await client.post("/api/realtime/tickets")).text());
  }
  expect(bodies.length).toBeGreaterThan(20);
  for (const body of bodies) {
    for (const [name, value] of values)
      expect(body.includes(value), `${name} in a response`).toBe(false);
  }
  await alice.context.close();
});
