"use client";

import { type FormEvent, useEffect, useState } from "react";
import { ConnectionBadge } from "@/components/connection-badge";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { OnlineNow } from "@/components/online-now";
import { PersonalChannel } from "@/components/personal-channel";
import { RealtimeNotice } from "@/components/realtime-notice";
import { useRealtime } from "@/components/realtime-provider";
import { useSavedSession } from "@/components/use-saved-session";
import { UserInbox } from "@/components/user-inbox";
import { RealtimeError } from "@/lib/realtime/client/client";

const button =
  "rounded-md px-3 py-2 text-sm font-semibold disabled:opacity-60 border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

// The form's two ways in: the submitter's value says which (see run).
const SUBMITS = [
  { value: "start", label: "Start" },
  { value: "create", label: "Create user" },
] as const;

/** client.start({ username, password }) and client.newUser(), called straight from the browser. */
export function QuickstartPanel() {
  const { client, user } = useRealtime();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Stays true after a disconnect, so that the page keeps saying why until the user stops.
  const [started, setStarted] = useState(false);
  // After a reload, the session this tab had resumes without asking for the password again.
  const saved = useSavedSession(client);
  useEffect(() => {
    if (saved.resumed) setStarted(true);
  }, [saved.resumed]);
  useEffect(() => {
    if (saved.failure) setError(saved.failure);
  }, [saved.failure]);

  async function run(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!client) return;
    const form = new FormData(event.currentTarget);
    const credentials = {
      username: String(form.get("username")),
      password: String(form.get("password")),
    };
    const create = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "create";
    setBusy(true);
    setError(undefined);
    try {
      await client.start(create ? await client.newUser(credentials) : credentials);
      setStarted(true);
    } catch (failure) {
      setError(failure instanceof RealtimeError ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {started ? (
        <div className="space-y-6">
          <PersonalChannel />
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p data-testid="quickstart-user">
              {user ? (
                <>
                  Signed in to the realtime service as <strong>@{user.user_info?.username}</strong>
                </>
              ) : (
                "Not signed in to the realtime service"
              )}
            </p>
            <ConnectionBadge />
          </div>
          <RealtimeNotice />
          <OnlineNow />
          <UserInbox />
          <button
            type="button"
            className={button}
            onClick={() => {
              client?.stop();
              saved.forget();
              setStarted(false);
            }}
          >
            Stop
          </button>
        </div>
      ) : saved.resuming ? (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Resuming your session…
        </p>
      ) : (
        <form onSubmit={run} className="max-w-sm space-y-4" noValidate>
          <FormAlert message={error} />
          <FormField
            label="Username"
            name="username"
            autoComplete="username"
            required
            maxLength={32}
          />
          <FormField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={128}
            hint="12–128 characters"
          />
          <div className="flex gap-2">
            {SUBMITS.map(({ value, label }) => (
              <button
                key={value}
                type="submit"
                name="action"
                value={value}
                disabled={busy || saved.resuming}
                className={button}
              >
                {label}
              </button>
            ))}
          </div>
        </form>
      )}
    </>
  );
}
