import { AppPage } from "./pages/app-page";
import { signInWithPasskey, virtualAuthenticator, withPasskey } from "./support/passkeys";
import { expect, test } from "./test";

// A signature counter is an unsigned 32-bit number: an authenticator whose counter is past
// 2^31 - 1 is a valid one, and its passkey signs in like any other. Found by the attack session:
// recordPasskeyUse's `${next} = 0` is typed int4 by the database, the update throws, and the
// page says "The passkey's answer did not verify for this site" (its action maps any AuthError so;
// the provider's POST itself ends at error=Configuration, "Confirm it's you" at a bare 500).

test("a passkey whose signature counter is past 2^31 - 1 signs in", async ({ browser }) => {
  const { context, page, authenticator } = await withPasskey(browser, "bigcount");
  const [credential] = await authenticator.credentials();
  if (!credential) throw new Error("The authenticator holds no passkey");

  // The same passkey, its counter moved on past int4's range (as a long-used key's may be).
  await authenticator.remove();
  const moved = await virtualAuthenticator(page);
  await moved.add({ ...credential, signCount: 2 ** 31 + 1 });

  await new AppPage(page).goto();
  await new AppPage(page).signOut();
  await signInWithPasskey(page);
  await expect(page).toHaveURL(/\/app$/);
  await new AppPage(page).expectSignedIn();
  await context.close();
});
