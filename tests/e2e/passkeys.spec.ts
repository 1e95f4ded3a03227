import type { Page } from "@playwright/test";
import { openApp } from "./fixtures";
import { AdminPage } from "./pages/admin-page";
import { AppPage } from "./pages/app-page";
import { signInWithPasskey, virtualAuthenticator, withPasskey } from "./support/passkeys";
import { expect, test } from "./test";

// Passkeys with Chromium's virtual authenticator: added on /account right after a password
// sign-in (fresh: no "Confirm it's you"; passkeys-step-up.spec.ts covers an old one), then used
// to sign in, which ends, as every sign-in does, in a signed-in realtime connection on /app.

/** Signs out from /app, to the landing page. */
async function signOut(page: Page) {
  const app = new AppPage(page);
  await app.goto();
  await app.signOut();
}

const alert = (page: Page) => page.getByTestId("passkey-sign-in").getByTestId("form-alert");

test("a passkey added on /account signs in with no username, and reaches signin_success", async ({
  browser,
}) => {
  const { context, page } = await withPasskey(browser, "passkey");
  const row = page.getByTestId("passkey");
  // Named after the browser and system it was made on; never used yet.
  await expect(row.getByLabel("Passkey name")).toHaveValue(/Chrome/);
  await expect(row.getByTestId("passkey-last-used")).toHaveText("never");

  await signOut(page);
  await signInWithPasskey(page);
  await expect(page).toHaveURL(/\/app$/);
  await new AppPage(page).expectSignedIn();

  await page.goto("/account");
  const current = page.locator('[data-testid="device"][data-current="true"]');
  await expect(current.getByTestId("device-method")).toHaveText("Web sign-in with a passkey");
  await expect(row.getByTestId("passkey-last-used")).not.toHaveText("never");

  // Renamed: the new name stays.
  await row.getByLabel("Passkey name").fill("Work laptop");
  await row.getByRole("button", { name: "Rename" }).click();
  await page.reload();
  await expect(row.getByLabel("Passkey name")).toHaveValue("Work laptop");
  await context.close();
});

test("the username field offers the passkey as the page loads (conditional UI)", async ({
  browser,
}) => {
  const { context, page, authenticator } = await withPasskey(browser, "autofill");
  const [credential] = await authenticator.credentials();
  if (!credential) throw new Error("The authenticator holds no passkey");
  await signOut(page);
  const html = await (await page.request.get("/sign-in")).text();
  expect(html).toMatch(/autocomplete="username webauthn"/i);

  // A browser with conditional UI: the request starts on load, and the virtual authenticator
  // picks the passkey it offers at once, with no button pressed and no username typed.
  const autofill = await context.newPage();
  await (await virtualAuthenticator(autofill)).add(credential);
  await autofill.goto("/sign-in?callbackUrl=/app");
  await expect(autofill).toHaveURL(/\/app$/);
  await new AppPage(autofill).expectSignedIn();
  await context.close();
});

test("an authenticator that does not verify its user is refused", async ({ browser }) => {
  const { context, page, authenticator } = await withPasskey(browser, "no-uv");
  const [credential] = await authenticator.credentials();
  if (!credential) throw new Error("The authenticator holds no passkey");
  await signOut(page);
  await authenticator.remove();
  const lax = await virtualAuthenticator(page, { isUserVerified: false });
  await lax.add({ ...credential, signCount: credential.signCount + 10 });

  // The page asks for user verification: the browser itself gives up.
  await signInWithPasskey(page);
  await expect(alert(page)).toContainText("No passkey was used");

  // An attacker's page asks without it: the server refuses the answer.
  const answer = await page.evaluate(unverifiedAnswer);
  const csrf = await (await page.request.get("/api/auth/csrf")).json();
  const refused = await page.request.post("/api/auth/callback/passkey", {
    form: { csrfToken: csrf.csrfToken, response: answer },
    maxRedirects: 0,
  });
  expect(refused.headers().location).toContain("code=passkey_not_verified");
  expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();
  await context.close();
});

/**
 * In the page: a challenge from the app, signed by the authenticator with user verification
 * "discouraged", as the answer's JSON text. A page of the app's own origin could do no more.
 */
async function unverifiedAnswer(): Promise<string> {
  const toBytes = (text: string) =>
    Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const toText = (buffer: ArrayBuffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer)))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  const options = await (await fetch("/api/auth/passkey/options", { method: "POST" })).json();
  const credential = (await navigator.credentials.get({
    publicKey: {
      challenge: toBytes(options.challenge),
      rpId: options.rpId,
      userVerification: "discouraged",
    },
  })) as PublicKeyCredential;
  const response = credential.response as AuthenticatorAssertionResponse;
  return JSON.stringify({
    id: credential.id,
    rawId: toText(credential.rawId),
    type: "public-key",
    clientExtensionResults: {},
    response: {
      clientDataJSON: toText(response.clientDataJSON),
      authenticatorData: toText(response.authenticatorData),
      signature: toText(response.signature),
    },
  });
}

test("a cloned passkey whose counter went backwards is refused and logged", async ({ browser }) => {
  const { user, context, page, authenticator } = await withPasskey(browser, "clone");
  await signOut(page);
  await signInWithPasskey(page);
  await expect(page).toHaveURL(/\/app$/);
  const [original] = await authenticator.credentials();
  if (!original) throw new Error("The authenticator holds no passkey");
  expect(original.signCount).toBeGreaterThan(0);

  // The copy, elsewhere, starts from a counter the server has seen pass.
  await signOut(page);
  await authenticator.remove();
  const copy = await virtualAuthenticator(page);
  await copy.add({ ...original, signCount: 0 });
  await signInWithPasskey(page);
  await expect(alert(page)).toContainText("signature counter went backwards");
  await expect(page).toHaveURL(/\/sign-in/);

  // Its owner finds it in the activity log.
  const owner = await openApp(browser, user.username, user.password);
  await owner.app.page.goto("/account");
  const refused = owner.app.page.locator('[data-testid="activity-row"][data-kind="sign_in"]', {
    hasText: "failure: passkey_counter_regression",
  });
  await expect(refused).toHaveCount(1);
  await Promise.all([context.close(), owner.context.close()]);
});

test("a removed passkey is refused at once", async ({ browser }) => {
  const { context, page } = await withPasskey(browser, "removed");
  await page.getByTestId("passkey").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("no-passkeys")).toBeVisible();

  // The authenticator still holds it, and offers it: the server knows it no more.
  await signOut(page);
  await signInWithPasskey(page);
  await expect(alert(page)).toContainText("This passkey is not registered here");
  expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();
  await context.close();
});

test("a banned user's passkey is refused", async ({ browser }) => {
  const { user, context, page } = await withPasskey(browser, "banned");
  await signOut(page);
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(alice.app.page);
  await admin.goto();
  await admin.act(user.username, "Ban");

  await signInWithPasskey(page);
  await expect(alert(page)).toHaveText("This account is suspended.");
  expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();
  await Promise.all([context.close(), alice.context.close()]);
});

test("passkey endpoints answer bad input with 400 JSON and a stranger with 401", async ({
  browser,
}) => {
  const { context, page } = await withPasskey(browser, "bad-input");
  for (const [url, body] of [
    ["/api/account/passkeys", { response: { id: "x" } }],
    ["/api/account/passkeys", { response: "not an object" }],
    ["/api/account/confirmation/passkey", { response: { id: "!", rawId: 1 } }],
  ] as const) {
    const answer = await page.request.post(url, { data: body });
    expect(answer.status(), url).toBe(400);
    expect((await answer.json()).error).toBe("invalid_request");
  }
  // A well-formed answer with no challenge in this browser.
  const stale = await page.request.post("/api/account/passkeys", {
    data: {
      response: {
        id: "AAAA",
        rawId: "AAAA",
        type: "public-key",
        clientExtensionResults: {},
        response: { clientDataJSON: "e30", attestationObject: "oA" },
      },
    },
  });
  expect(stale.status()).toBe(400);
  expect((await stale.json()).error).toBe("challenge_expired");
  const rename = await page.request.patch("/api/account/passkeys/nope", { data: { name: "x" } });
  expect((await rename.json()).error).toBe("passkey_not_found");

  const stranger = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const list = await stranger.request.get("/api/account/passkeys");
  expect(list.status()).toBe(401);
  const garbage = await stranger.request.post("/api/auth/callback/passkey", {
    form: {
      csrfToken: (await (await stranger.request.get("/api/auth/csrf")).json()).csrfToken,
      response: "{not json",
    },
    maxRedirects: 0,
  });
  expect(garbage.status()).toBeLessThan(500);
  expect(garbage.headers().location).toContain("code=passkey_invalid");
  await Promise.all([context.close(), stranger.close()]);
});
