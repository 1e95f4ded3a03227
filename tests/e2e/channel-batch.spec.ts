import { createHmac } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { openApp, signUpUser, stackSecrets } from "./fixtures";
import { expect, test } from "./test";

// /api/pusher/auth/batch: the kit's client asks for many channels in one request, and each gets
// its own answer. Bad input is a 400 (413 past the size) naming the problem, and grants nothing.

const PATH = "/api/pusher/auth/batch";

function batch(request: APIRequestContext, body: unknown, headers: Record<string, string> = {}) {
  return request.post(PATH, {
    headers: { "content-type": "application/json", ...headers },
    data: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
  });
}

const signature = (secret: string, text: string) =>
  createHmac("sha256", secret).update(text).digest("hex");

test("each channel gets its own answer: a signature, or its own refusal", async ({ browser }) => {
  const user = await signUpUser(browser, "batch");
  const { context, app } = await openApp(browser, user.username, user.password);
  const userId = await app.userId();
  const own = `private-user-${userId}`;
  const answer = await batch(context.request, {
    socket_id: "1.2",
    channel_names: [own, "private-user-someone-else", "presence-online", "private-nothing-here"],
  });
  expect(answer.status()).toBe(200);
  const { channels } = await answer.json();
  const { PUSHER_KEY, PUSHER_SECRET } = stackSecrets();
  expect(channels[own]).toEqual({
    auth: `${PUSHER_KEY}:${signature(PUSHER_SECRET, `1.2:${own}`)}`,
  });
  for (const refused of ["private-user-someone-else", "private-nothing-here"]) {
    expect(channels[refused]).toEqual({
      error: "channel_forbidden",
      message: `You may not subscribe to ${refused}.`,
      status: 403,
    });
  }
  const online = channels["presence-online"];
  expect(JSON.parse(online.channel_data)).toEqual({
    user_id: userId,
    user_info: { name: user.username },
  });
  expect(online.auth).toBe(
    `${PUSHER_KEY}:${signature(PUSHER_SECRET, `1.2:presence-online:${online.channel_data}`)}`,
  );
  await context.close();
});

test("without a credential, from another site, or with bad input: refused, nothing granted", async ({
  browser,
  request,
}) => {
  const good = { socket_id: "1.2", channel_names: ["presence-online"] };
  const anonymous = await batch(request, good);
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: "no_session" });
  const forged = await batch(request, { ...good, session: "rts_not-a-token" });
  expect(forged.status()).toBe(401);

  const { context } = await openApp(browser, "bob");
  const crossSite = await batch(context.request, good, { origin: "https://evil.example" });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.json()).toMatchObject({ error: "cross_site_request" });

  const names = (count: number) => Array.from({ length: count }, (_, i) => `presence-x${i}`);
  const invalid: [unknown, RegExp][] = [
    [{ socket_id: "1.2" }, /channel_names/],
    [{ ...good, channel_names: "presence-online" }, /channel_names/],
    [{ ...good, channel_names: [] }, /channel_names is empty/],
    [{ ...good, channel_names: names(51) }, /more than 50/],
    [{ ...good, channel_names: ["presence-online", "presence-online"] }, /twice/],
    [{ ...good, channel_names: ["private user"] }, /characters Pusher does not allow/],
    [{ ...good, socket_id: "1" }, /socket_id/],
    [{ ...good, channel_name: "presence-online" }, /channel_name/],
    [{ ...good, session: ["a", "b"] }, /session/],
  ];
  for (const [body, problem] of invalid) {
    const refused = await batch(context.request, body);
    expect(refused.status(), JSON.stringify(body)).toBe(400);
    const json = await refused.json();
    expect(json.error).toBe("invalid_request");
    expect(json.message).toMatch(problem);
  }
  const notJson = await batch(context.request, "{channel_names:");
  expect(notJson.status()).toBe(400);
  expect(await notJson.json()).toMatchObject({ error: "invalid_json" });
  const form = await context.request.post(PATH, {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: "socket_id=1.2&channel_names=presence-online",
  });
  expect(form.status()).toBe(400);
  expect(await form.json()).toMatchObject({ error: "unsupported_content_type" });
  const large = await batch(context.request, { ...good, padding: "x".repeat(20_000) });
  expect(large.status()).toBe(413);
  expect(await large.json()).toMatchObject({ error: "body_too_large" });
  await context.close();
});
