import type { Browser, CDPSession, Page } from "@playwright/test";
import { openApp, signUpUser } from "../fixtures";
import { expect } from "../test";

// Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain): a platform
// authenticator with resident keys that verifies its user, and says yes without a touch.

export type VirtualCredential = {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
};

export type Authenticator = {
  cdp: CDPSession;
  id: string;
  credentials(): Promise<VirtualCredential[]>;
  /** Puts a copy of `credential` (a clone, or one the server forgot) on this authenticator. */
  add(credential: VirtualCredential): Promise<void>;
  remove(): Promise<void>;
};

/** A virtual authenticator on `page` (each page has its own); `isUserVerified: false` fails UV. */
export async function virtualAuthenticator(
  page: Page,
  options: { isUserVerified?: boolean } = {},
): Promise<Authenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId: id } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: options.isUserVerified ?? true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    cdp,
    id,
    credentials: async () =>
      (await cdp.send("WebAuthn.getCredentials", { authenticatorId: id })).credentials,
    add: async (credential) => {
      await cdp.send("WebAuthn.addCredential", { authenticatorId: id, credential });
    },
    remove: async () => {
      await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: id });
    },
  };
}

/**
 * Makes `page` a browser without conditional UI, where "Sign in with a passkey" is the way in:
 * the virtual authenticator answers an autofill request at once, before any button is pressed.
 */
export async function withoutAutofill(page: Page): Promise<void> {
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
}

/** Presses "Add a passkey" on /account, and waits for the list to grow by one. */
export async function addPasskeyOnAccount(page: Page): Promise<void> {
  const rows = page.getByTestId("passkey");
  const before = await rows.count();
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(rows).toHaveCount(before + 1);
}

/** Presses "Sign in with a passkey" on /sign-in. */
export async function signInWithPasskey(page: Page, callbackUrl = "/app"): Promise<void> {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
}

/** A new user signed in with its password, on /account, with an authenticator on that page. */
export async function withPasskey(browser: Browser, prefix: string) {
  const user = await signUpUser(browser, prefix);
  const { context, app } = await openApp(browser, user.username, user.password);
  const page = app.page;
  await withoutAutofill(page);
  const authenticator = await virtualAuthenticator(page);
  await page.goto("/account");
  await addPasskeyOnAccount(page);
  return { user, context, page, app, authenticator };
}
