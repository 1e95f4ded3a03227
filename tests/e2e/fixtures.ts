import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, expect } from "@playwright/test";
import { AdminPage } from "./pages/admin-page";
import { AppPage } from "./pages/app-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";
import { workerStack } from "./support/worker-stack";

export const DEMO_PASSWORD = "correct-horse-battery-staple";
export const INVALID_CREDENTIALS = "Invalid username or password.";

/** A username no other test uses, so that tests share one database without interfering. */
export function uniqueUsername(prefix = "user"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** The secrets the launcher generated for the test stack: tests may sign what a forger cannot. */
export function stackSecrets(): {
  PUSHER_APP_ID: string;
  PUSHER_KEY: string;
  PUSHER_SECRET: string;
} {
  const { dataDir } = workerStack();
  if (!dataDir) throw new Error("This stack is a deployment: it keeps no local secrets.");
  return JSON.parse(readFileSync(path.join(dataDir, "local-secrets.json"), "utf8"));
}

/** A browser context signed in as `username`, with one tab on /app, signed in to the realtime service. */
export async function openApp(
  browser: Browser,
  username: string,
  password = DEMO_PASSWORD,
  existing?: BrowserContext,
): Promise<{ context: BrowserContext; app: AppPage }> {
  const context = existing ?? (await browser.newContext({ baseURL: workerStack().baseURL }));
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await page.goto("/sign-in?callbackUrl=/app");
  await signIn.signIn(username, password);
  const app = new AppPage(page);
  await app.expectSignedIn();
  return { context, app };
}

/** The request headers that replay a context's cookies from anywhere, as a thief would. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  const { cookies } = await context.storageState();
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

/** One more tab of the same context on /app. */
export async function openTab(context: BrowserContext): Promise<AppPage> {
  const app = new AppPage(await context.newPage());
  await app.goto();
  await app.expectSignedIn();
  return app;
}

/** Sets the service-authentication switch as alice, the demo admin, does on /admin. */
export async function setServiceAuth(browser: Browser, enabled: "on" | "off") {
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();
  const state = alice.app.page.getByTestId("service-auth-state");
  if (!(await state.textContent())?.endsWith(enabled)) {
    await alice.app.page
      .getByRole("button", { name: enabled === "on" ? "Turn on" : "Turn off" })
      .click();
  }
  await expect(state).toHaveText(`Service authentication: ${enabled}`);
  await alice.context.close();
}

/** Signs a new user up in a context of its own, closed afterwards; returns the credentials. */
export async function signUpUser(browser: Browser, prefix: string) {
  const credentials = { username: uniqueUsername(prefix), password: "a-long-enough-password" };
  const context = await browser.newContext({ baseURL: workerStack().baseURL });
  const signUp = new SignUpPage(await context.newPage());
  await signUp.goto();
  await signUp.signUp(credentials);
  // Signed up and in: a refusal (a limit, say) fails here, not at the sign-in that follows.
  await expect(signUp.page).toHaveURL(/\/app$/);
  await context.close();
  return credentials;
}
