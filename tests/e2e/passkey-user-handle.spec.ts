import { AppPage } from "./pages/app-page";
import { signInWithPasskey, virtualAuthenticator, withPasskey } from "./support/passkeys";
import { expect, test } from "./test";

// An assertion names the account it answers for in its user handle (the user's id, set when the
// passkey was added). One that names another account is refused, as WebAuthn §7.2 asks; the same
// passkey under its own handle still signs in, so the handle alone made the difference.

test("a passkey answering for another account's user handle is refused", async ({ browser }) => {
  const { context, page, authenticator } = await withPasskey(browser, "handle");
  const [credential] = await authenticator.credentials();
  if (!credential?.userHandle) throw new Error("The authenticator holds no passkey with a handle");
  await authenticator.remove();
  await new AppPage(page).goto();
  await new AppPage(page).signOut();

  const misnamed = await virtualAuthenticator(page);
  const elsewhere = Buffer.from("00000000-0000-4000-8000-000000000000").toString("base64");
  await misnamed.add({ ...credential, userHandle: elsewhere });
  await signInWithPasskey(page);
  await expect(page.getByTestId("passkey-sign-in").getByTestId("form-alert")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  await misnamed.remove();
  await (await virtualAuthenticator(page)).add({
    ...credential,
    signCount: credential.signCount + 5,
  });
  await signInWithPasskey(page);
  await expect(page).toHaveURL(/\/app$/);
  await new AppPage(page).expectSignedIn();
  await context.close();
});
