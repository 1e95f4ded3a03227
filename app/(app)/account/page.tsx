import type { Metadata } from "next";
import { Section } from "@/components/section";
import { listPasskeys } from "@/lib/credentials/passkey/store";
import { db } from "@/lib/db";
import { requireUser } from "@/lib/identity/gate";
import type { ConfirmMethods } from "../confirm-dialog";
import { SensitiveForm } from "../sensitive-form";
import { signOutEverywhereAction } from "./actions";
import { RecentActivitySection } from "./activity";
import { ChangePasswordForm } from "./change-password";
import { DevicesSection } from "./devices";
import { PasskeysSection } from "./passkeys";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const caller = await requireUser("/account");
  const { user } = caller;
  // How "Confirm it's you" may ask, when a sensitive action finds the sign-in too old.
  const passkeys = await listPasskeys(db(), user.id);
  const methods: ConfirmMethods = {
    password: Boolean(user.passwordHash),
    passkey: passkeys.length > 0,
  };
  return (
    // The page's width: Recent activity's table needs it; each section keeps its text readable.
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Account</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="text-zinc-600 dark:text-zinc-400">Username</dt>
        <dd>@{user.username}</dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Name</dt>
        <dd>{user.name}</dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Role</dt>
        <dd>{user.role}</dd>
      </dl>
      <DevicesSection caller={caller} methods={methods} />
      <PasskeysSection passkeys={passkeys} methods={methods} />
      <Section
        id="password-heading"
        title="Change password"
        titleClassName="text-lg font-semibold"
        className="space-y-2"
      >
        {user.passwordHash ? (
          <>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Your current password confirms it's you. Every other device signed in to this account
              is signed out; this one stays.
            </p>
            <ChangePasswordForm />
          </>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-password">
            This account signs in with GitHub and has no password here: there is none to change.
          </p>
        )}
      </Section>
      <RecentActivitySection caller={caller} />
      <Section
        id="everywhere-heading"
        title="Sign out everywhere"
        titleClassName="text-lg font-semibold"
        className="max-w-2xl space-y-2"
      >
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Ends every session of this account: this browser, your other browsers and devices, and
          every realtime connection they hold. Each of them must sign in again.
        </p>
        <SensitiveForm action={signOutEverywhereAction} methods={methods}>
          <button
            type="submit"
            className="rounded-md border border-red-300 px-3 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-200 dark:hover:bg-red-950"
          >
            Sign out everywhere
          </button>
        </SensitiveForm>
      </Section>
    </div>
  );
}
