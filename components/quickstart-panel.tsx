"use client";

import { type FormEvent, useState } from "react";
import { AuthInspector } from "@/components/auth-inspector";
import { ConnectionBadge } from "@/components/connection-badge";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { PersonalChannel } from "@/components/personal-channel";
import { PresenceList } from "@/components/presence-list";
import { RealtimeNotice } from "@/components/realtime-notice";
import { useRealtime } from "@/components/realtime-provider";
import { UserInbox } from "@/components/user-inbox";
import { RealtimeError } from "@/lib/realtime/client";

const button =
  "rounded-md px-3 py-2 text-sm font-semibold disabled:opacity-60 border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** client.start({ username, password }) and client.newUser(), called straight from the browser. */
export function QuickstartPanel() {
  const { client, user } = useRealtime();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Stays true after a disconnect, so that the page keeps saying why until the user stops.
  const [started, setStarted] = useState(false);

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
    <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_24rem]">
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
          <PresenceList room="lobby" />
          <UserInbox />
          <button
            type="button"
            className={button}
            onClick={() => {
              client?.stop();
              setStarted(false);
            }}
          >
            Stop
          </button>
        </div>
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
            <button type="submit" name="action" value="start" disabled={busy} className={button}>
              Start
            </button>
            <button type="submit" name="action" value="create" disabled={busy} className={button}>
              Create user
            </button>
          </div>
        </form>
      )}
      <aside>
        <AuthInspector flow="service" />
      </aside>
    </div>
  );
}
