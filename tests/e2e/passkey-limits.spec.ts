import { openApp, signUpUser } from "./fixtures";
import { expect, test } from "./test";

// Every request for passkey options stores a challenge for 5 minutes: a signed-in user, like a
// client without a session, gets 120 a minute, then 429 with Retry-After.

test("passkey options are limited per user: confirming and adding, 120 a minute together", async ({
  browser,
}) => {
  const user = await signUpUser(browser, "limits");
  const { context } = await openApp(browser, user.username, user.password);
  const ask = (path: string) => context.request.post(path);
  const paths = ["/api/account/confirmation/passkey/options", "/api/account/passkeys/options"];
  const statuses: number[] = [];
  for (let sent = 0; sent < 120; sent++) statuses.push((await ask(paths[sent % 2] ?? "")).status());
  expect(statuses.every((status) => status === 200)).toBe(true);
  for (const path of paths) {
    const refused = await ask(path);
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: "throttled" });
  }
  await context.close();
});
