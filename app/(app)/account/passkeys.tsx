import { Section } from "@/components/section";
import type { Passkey } from "@/lib/db/schema";
import { formatUtc } from "@/lib/format";
import type { ConfirmMethods } from "../confirm-dialog";
import { PasskeyList } from "./passkey-list";

// The Passkeys section of /account: the user's passkeys, each renamable and removable, and
// "Add a passkey". Adding and removing are sensitive (a recent sign-in, or "Confirm it's you").

export function PasskeysSection({
  passkeys,
  methods,
}: {
  passkeys: Passkey[];
  methods: ConfirmMethods;
}) {
  return (
    <Section
      id="passkeys-heading"
      title="Passkeys"
      titleClassName="text-lg font-semibold"
      className="max-w-2xl space-y-3"
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Sign in with your fingerprint, face or device PIN instead of your password. A passkey stays
        on your device (or in its password manager); this site keeps only its public key.
      </p>
      <PasskeyList
        methods={methods}
        passkeys={passkeys.map((passkey) => ({
          id: passkey.id,
          name: passkey.name,
          added: formatUtc(passkey.createdAt, "minute"),
          lastUsed: passkey.lastUsedAt ? formatUtc(passkey.lastUsedAt, "minute") : "never",
        }))}
      />
    </Section>
  );
}
