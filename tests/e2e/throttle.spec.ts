import { expect, test } from "@playwright/test";
import { setServiceAuth, uniqueUsername } from "./fixtures";
import { postJsonFrom } from "./support/source-address";

// The per-client limits as an attacker meets them, against the real app: each loopback address
// is a client of its own (see support/source-address.ts). No other spec uses 127.0.0.2 to .5.

const PASSWORD = "a-long-enough-password";
const SESSIONS = "/api/realtime/service/sessions";
const USERS = "/api/realtime/service/users";

test.beforeAll(async ({ browser }) => {
  await setServiceAuth(browser, "on");
});

test("the owner still signs in while an attacker's client is throttled", async () => {
  const [attacker, owner] = ["127.0.0.2", "127.0.0.3"];
  const username = uniqueUsername("owner");
  expect((await postJsonFrom(owner, USERS, { username, password: PASSWORD })).status).toBe(201);

  for (let attempt = 1; attempt <= 5; attempt++) {
    const guess = await postJsonFrom(attacker, SESSIONS, {
      username,
      password: `guess-${attempt}-xxxxxx`,
    });
    expect(guess.status, `guess ${attempt}`).toBe(401);
  }
  // Backed off: even the right password is refused from the attacker's client.
  const throttled = await postJsonFrom(attacker, SESSIONS, { username, password: PASSWORD });
  expect(throttled.status).toBe(429);
  expect(JSON.parse(throttled.body)).toMatchObject({ error: "throttled" });
  expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(0);

  const signedIn = await postJsonFrom(owner, SESSIONS, { username, password: PASSWORD });
  expect(signedIn.status).toBe(200);
  expect(JSON.parse(signedIn.body)).toMatchObject({ userTicket: expect.any(String) });
});

test("a spoofed X-Forwarded-For gives no fresh budget", async () => {
  const [client, another] = ["127.0.0.4", "127.0.0.5"];
  const newUser = (source: string, forwardedFor: string) =>
    postJsonFrom(
      source,
      USERS,
      { username: uniqueUsername("burst"), password: PASSWORD },
      { "x-forwarded-for": forwardedFor },
    );
  // newUser allows 10 users per client per hour.
  for (let i = 1; i <= 10; i++) {
    expect((await newUser(client, `198.51.100.${i}`)).status, `user ${i}`).toBe(201);
  }
  const refused = await newUser(client, "198.51.100.11");
  expect(refused.status).toBe(429);
  expect(JSON.parse(refused.body)).toMatchObject({ error: "throttled" });
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);

  expect((await newUser(another, "198.51.100.11")).status).toBe(201);
});
