import { DEMO_PASSWORD, INVALID_CREDENTIALS, uniqueUsername } from "./fixtures";
import { AppPage } from "./pages/app-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";
import { expect, test } from "./test";

const PASSWORD = "a-long-enough-password";

test("sign-up creates an account and lands on /app, connected", async ({ page }) => {
  const username = uniqueUsername();
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp({ username, name: "Dora Explorer", password: PASSWORD });

  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByRole("heading", { name: "Hello, Dora Explorer" })).toBeVisible();
  await expect(page.getByTestId("username")).toHaveText(`@${username}`);
  await expect(new AppPage(page).badge).toHaveAttribute("data-state", "connected");
});

test("sign-up explains every rule it enforces", async ({ page }) => {
  const signUp = new SignUpPage(page);
  await signUp.goto();

  await signUp.signUp({ username: "No Spaces", password: "short" });
  await expect(signUp.fieldError("username")).toHaveText(
    "Use only lowercase letters, digits, _ and -",
  );
  await expect(signUp.fieldError("password")).toHaveText("Password must be at least 12 characters");

  await signUp.signUp({ username: "x".repeat(5_000), password: "y".repeat(5_000) });
  await expect(signUp.fieldError("username")).toHaveText("Username must be at most 32 characters");
  await expect(signUp.fieldError("password")).toHaveText("Password must be at most 128 characters");

  await signUp.signUp({ username: "bob", password: PASSWORD });
  await expect(signUp.fieldError("username")).toHaveText("That username is taken.");
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("sign-in reaches /app and a live connection", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn("alice", DEMO_PASSWORD);

  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByTestId("username")).toHaveText("@alice");
  await expect(new AppPage(page).badge).toHaveAttribute("data-state", "connected");
});

test("a wrong password and an unknown user get the same message", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();

  await signIn.signIn("carol", "not-carols-password");
  await expect(signIn.alert).toHaveText(INVALID_CREDENTIALS);
  const wrongPassword = await signIn.alert.textContent();

  await signIn.signIn(uniqueUsername("ghost"), "not-carols-password");
  await expect(signIn.alert).toHaveText(INVALID_CREDENTIALS);
  expect(await signIn.alert.textContent()).toBe(wrongPassword);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("oversized sign-in input gets the form's message, not an error page", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await page.getByLabel("Username").evaluate((input) => input.removeAttribute("maxlength"));
  await signIn.signIn("u".repeat(20_000), "p".repeat(20_000));
  await expect(signIn.alert).toHaveText(INVALID_CREDENTIALS);
});

test("sign-out ends the session", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn("bob", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/app$/);

  await new AppPage(page).signOut();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/app");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=\/app$/);
});

test("a protected page sends visitors to sign in, then back", async ({ page }) => {
  await page.goto("/app");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=\/app$/);

  await new SignInPage(page).signIn("carol", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByTestId("username")).toHaveText("@carol");
});

test("repeated failures throttle the account and say when to retry", async ({ page }) => {
  const username = uniqueUsername("victim");
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp({ username, password: PASSWORD });
  await expect(page).toHaveURL(/\/app$/);
  await new AppPage(page).signOut();
  // An unknown browser from now on: the device cookie of the sign-up would count these failures
  // on its own budget instead (lockout.spec.ts).
  await page.context().clearCookies();

  const signIn = new SignInPage(page);
  await signIn.goto();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn.signIn(username, `wrong-password-${attempt}`);
    await expect(signIn.alert).toHaveText(INVALID_CREDENTIALS);
  }
  // The right password no longer helps while the account is throttled.
  await signIn.signIn(username, PASSWORD);
  // The block lasts a minute from the fifth failure: on a slow machine less of it is left by now.
  await expect(signIn.alert).toHaveText(
    /^Too many failed attempts\. Try again in (1 minute|([1-9]|[1-5][0-9]) seconds?)\.$/,
  );
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a visitor is offered both sign-in and sign-up, and the favicon is served", async ({
  page,
  request,
}) => {
  await page.goto("/");
  const header = page.getByRole("banner");
  await header.getByRole("link", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toContain("image/");
});

test("Auth.js's routes refuse a body past 8 KB and a field sent twice, before Auth.js reads them", async ({
  request,
}) => {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const post = (form: string) =>
    request.post("/api/auth/callback/credentials", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      data: form,
      maxRedirects: 0,
    });
  const valid = `csrfToken=${csrfToken}&password=${DEMO_PASSWORD}`;

  // Auth.js would read any body whole into memory: 120 MB took 0.5 GB of the server's.
  const large = await post(`${valid}&username=alice&pad=${"a".repeat(200_000)}`);
  expect(large.status()).toBe(413);
  expect(await large.json()).toMatchObject({ error: "body_too_large" });

  // It keeps the last of a repeated field, while a proxy or a log may read the first.
  const twice = await post(`${valid}&username=nobody&username=alice`);
  expect(twice.status()).toBe(400);
  expect(await twice.json()).toMatchObject({ error: "invalid_request" });
  expect(twice.headers()["set-cookie"] ?? "").not.toContain("session-token");

  // The same request with the field once signs in, so the refusals above were the fields'.
  const once = await post(`${valid}&username=alice`);
  expect(once.status()).toBe(302);
  expect(once.headers()["set-cookie"] ?? "").toContain("authjs.session-token");
});
