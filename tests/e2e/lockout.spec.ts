import type { Browser, BrowserContext } from "@playwright/test";
import { uniqueUsername } from "./fixtures";
import { AppPage } from "./pages/app-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";
import { randomLoopback, sendFrom } from "./support/source-address";
import { startStack } from "./support/stack";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// Device cookies (OWASP): strangers guessing from many addresses lock an account out for unknown
// browsers only; a browser where the owner signed in before has a budget of its own. And the
// site's cap on new accounts per hour. The guesses go from addresses across 127.0.0.0/8 (see
// support/source-address.ts), as raw posts to Auth.js's credentials callback.

const PASSWORD = "a-long-enough-password";
const THROTTLED = /^Too many failed attempts\. Try again in \d+ (second|minute)s?\.$/;
/** The device cookie's name over plain HTTP (`__Host-device` over HTTPS). */
const DEVICE_COOKIE = "device";

/** Auth.js's CSRF token and the cookie it pairs with: what a form post must carry. */
async function csrf(): Promise<{ token: string; cookie: string }> {
  const answer = await sendFrom("127.0.0.1", "/api/auth/csrf", { method: "GET" });
  const cookie = (answer.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  return { token: JSON.parse(answer.body).csrfToken, cookie };
}

/** One guess from `source` through the credentials callback: the code it is refused with. */
async function guessFrom(
  source: string,
  username: string,
  password: string,
  form: { token: string; cookie: string },
): Promise<string | null> {
  const answer = await sendFrom(source, "/api/auth/callback/credentials", {
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: form.cookie },
    body: new URLSearchParams({ username, password, csrfToken: form.token }).toString(),
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.location ?? "", "http://app").searchParams.get("code");
}

/** A browser where `username` signed up (so it holds their device cookie), signed out again. */
async function knownBrowser(browser: Browser, username: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: workerStack().baseURL });
  const page = await context.newPage();
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp({ username, password: PASSWORD });
  await expect(page).toHaveURL(/\/app$/);
  await new AppPage(page).signOut();
  const device = (await context.cookies()).find((cookie) => cookie.name === DEVICE_COOKIE);
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  return context;
}

/** Signs in on a fresh page of `context`; the page, on /app or with the form's alert. */
async function signIn(context: BrowserContext, username: string, password = PASSWORD) {
  const page = await context.newPage();
  const form = new SignInPage(page);
  await form.goto();
  await form.signIn(username, password);
  return form;
}

test("160 guesses from 160 addresses: the owner signs in from a known browser, a new one is refused", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const username = uniqueUsername("owner");
  const owner = await knownBrowser(browser, username);

  const form = await csrf();
  const sources = new Set<string>();
  while (sources.size < 160) sources.add(randomLoopback());
  const codes: (string | null)[] = [];
  for (const source of sources) codes.push(await guessFrom(source, username, "guess-xxxxxx", form));
  // The account's budget for unknown browsers (100 an hour) is spent, then every guess is refused.
  expect(codes.slice(0, 100)).toEqual(Array(100).fill("credentials"));
  expect(codes.slice(100)).toEqual(Array(60).fill("throttled"));

  const known = await signIn(owner, username);
  await expect(known.page).toHaveURL(/\/app$/);

  const stranger = await browser.newContext({ baseURL: workerStack().baseURL });
  const refused = await signIn(stranger, username);
  await expect(refused.alert).toHaveText(THROTTLED);
  await expect(refused.page).toHaveURL(/\/sign-in/);

  // A copy of the owner's cookie with its signature changed is no device cookie at all.
  const [cookie] = (await owner.cookies()).filter((c) => c.name === DEVICE_COOKIE);
  if (!cookie) throw new Error("the owner's browser holds no device cookie");
  const at = cookie.value.length - 10; // within the signature
  const changed = cookie.value[at] === "A" ? "B" : "A";
  const value = `${cookie.value.slice(0, at)}${changed}${cookie.value.slice(at + 1)}`;
  await stranger.addCookies([{ ...cookie, value }]);
  const forged = await signIn(stranger, username);
  await expect(forged.alert).toHaveText(THROTTLED);
  await Promise.all([owner.close(), stranger.close()]);
});

test("a known browser's wrong passwords lock that browser alone, not the account", async ({
  browser,
}) => {
  const username = uniqueUsername("typist");
  const owner = await knownBrowser(browser, username);
  const form = await signIn(owner, username, "wrong-password-0");
  // Ten a device cookie, an hour: more than the four an unknown browser gets before back-off.
  for (let attempt = 1; attempt <= 10; attempt++) {
    if (attempt > 1) await form.signIn(username, `wrong-password-${attempt}`);
    await expect(form.alert).toHaveText("Invalid username or password.");
  }
  await form.signIn(username, PASSWORD);
  await expect(form.alert).toHaveText(THROTTLED);

  // Another browser on the same address still signs in: nothing was counted on the account.
  const other = await browser.newContext({ baseURL: workerStack().baseURL });
  const fresh = await signIn(other, username);
  await expect(fresh.page).toHaveURL(/\/app$/);
  await Promise.all([owner.close(), other.close()]);
});

test("past SIGN_UP_MAX_PER_HOUR, sign-up and newUser are refused with 429 and Retry-After", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // A stack of its own: the shared one lifts the cap for the other specs' many users.
  const stack = await startStack({ env: { SIGN_UP_MAX_PER_HOUR: "3" } });
  const newUser = (username: string) =>
    fetch(`${stack.baseURL}/api/realtime/service/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
  try {
    const first = uniqueUsername("capped");
    expect((await newUser(first)).status).toBe(201);
    // A taken username creates nothing, so it takes no place.
    expect((await newUser(first)).status).toBe(409);

    const context = await browser.newContext({ baseURL: stack.baseURL });
    const signUp = new SignUpPage(await context.newPage());
    await signUp.goto();
    await signUp.signUp({ username: uniqueUsername("capped"), password: PASSWORD });
    await expect(signUp.page).toHaveURL(/\/app$/);
    expect((await newUser(uniqueUsername("capped"))).status).toBe(201);

    const refused = await newUser(uniqueUsername("capped"));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(55 * 60);
    expect(await refused.json()).toMatchObject({ error: "sign_up_limited" });

    const later = await browser.newContext({ baseURL: stack.baseURL });
    const again = new SignUpPage(await later.newPage());
    await again.goto();
    await again.signUp({ username: uniqueUsername("capped"), password: PASSWORD });
    await expect(again.page.getByTestId("form-alert")).toContainText("Sign-ups are paused");
    await Promise.all([context.close(), later.close()]);
  } finally {
    await stack.stop();
  }
});
