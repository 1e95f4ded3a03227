"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert";
import { addPasskey, type PasskeyFailure, refusalOf } from "@/lib/credentials/passkey/browser";
import { ConfirmDialog, type ConfirmMethods } from "../confirm-dialog";

export type PasskeyRow = { id: string; name: string; added: string; lastUsed: string };

type Outcome = { ok: true } | PasskeyFailure;

const button =
  "rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";

async function send(url: string, method: "PATCH" | "DELETE", body?: unknown): Promise<Outcome> {
  const answer = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer.ok ? { ok: true } : refusalOf(answer);
}

const passkeyUrl = (id: string) => `/api/account/passkeys/${encodeURIComponent(id)}`;

/**
 * The list and its buttons. A sensitive step answered 401 step_up_required opens "Confirm it's
 * you"; once confirmed, the same step runs again.
 */
export function PasskeyList({
  passkeys,
  methods,
}: {
  passkeys: PasskeyRow[];
  methods: ConfirmMethods;
}) {
  const router = useRouter();
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<(() => Promise<void>) | null>(null);

  async function run(step: () => Promise<Outcome>) {
    setBusy(true);
    setError("");
    const outcome = await step();
    setBusy(false);
    if (outcome.ok) return router.refresh();
    if (outcome.code === "step_up_required") return setAsking(() => () => run(step));
    setError(outcome.message);
  }

  return (
    <div className="space-y-3">
      <FormAlert message={error} />
      {passkeys.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-passkeys">
          No passkeys yet.
        </p>
      ) : (
        <ul className="space-y-3" aria-label="Passkeys">
          {passkeys.map((passkey) => (
            <li
              key={passkey.id}
              data-testid="passkey"
              data-passkey-id={passkey.id}
              className="space-y-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800"
            >
              <form
                className="flex flex-wrap items-center gap-2"
                onSubmit={(event) => {
                  event.preventDefault();
                  const name = String(new FormData(event.currentTarget).get("name") ?? "");
                  void run(() => send(passkeyUrl(passkey.id), "PATCH", { name }));
                }}
              >
                <label className="sr-only" htmlFor={`passkey-name-${passkey.id}`}>
                  Passkey name
                </label>
                <input
                  id={`passkey-name-${passkey.id}`}
                  name="name"
                  defaultValue={passkey.name}
                  maxLength={64}
                  required
                  className="min-w-0 flex-1 rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
                />
                <button type="submit" disabled={busy} className={button}>
                  Rename
                </button>
                <button
                  type="button"
                  disabled={busy}
                  className={button}
                  onClick={() => run(() => send(passkeyUrl(passkey.id), "DELETE"))}
                >
                  Remove
                </button>
              </form>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                Added <span data-testid="passkey-added">{passkey.added}</span> · last used{" "}
                <span data-testid="passkey-last-used">{passkey.lastUsed}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        disabled={busy}
        aria-busy={busy}
        onClick={() => run(addPasskey)}
        className="rounded-md border border-zinc-300 px-3 py-2 text-sm font-semibold hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Add a passkey
      </button>
      {asking ? (
        <ConfirmDialog
          methods={methods}
          onConfirmed={() => {
            setAsking(null);
            void asking();
          }}
          onCancel={() => setAsking(null)}
        />
      ) : null}
    </div>
  );
}
