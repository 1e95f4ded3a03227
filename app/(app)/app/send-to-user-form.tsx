"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { UserOptions } from "@/components/user-options";
import { type SendState, sendToUserAction } from "./actions";

type Recipient = { id: string; username: string };

export function SendToUserForm({ recipients }: { recipients: Recipient[] }) {
  const [state, action] = useActionState<SendState, FormData>(sendToUserAction, {});
  // A fresh deployment's first user has nobody to send to: say so, rather than an empty choice.
  if (recipients.length === 0) {
    return (
      <section className="space-y-3" aria-labelledby="send-heading">
        <h2 id="send-heading" className="text-sm font-semibold">
          Send an event to a user
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-recipients">
          No other users yet: you are the only one who is not banned. Sign up a second account (in a
          private window, say), then reload this page to send it an event.
        </p>
      </section>
    );
  }
  return (
    <form action={action} className="space-y-3" aria-labelledby="send-heading">
      <h2 id="send-heading" className="text-sm font-semibold">
        Send an event to a user
      </h2>
      <div className="flex flex-wrap gap-2">
        <label className="sr-only" htmlFor="recipientId">
          Recipient
        </label>
        <select
          id="recipientId"
          name="recipientId"
          required
          className="rounded-md border border-zinc-300 bg-white px-2 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <UserOptions users={recipients} />
        </select>
        <label className="sr-only" htmlFor="text">
          Message
        </label>
        <input
          id="text"
          name="text"
          required
          maxLength={500}
          placeholder="Message"
          className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <div className="w-24">
          <SubmitButton pendingLabel="Sending…">Send</SubmitButton>
        </div>
      </div>
      <p
        aria-live="polite"
        data-testid="send-result"
        className="text-sm text-zinc-600 dark:text-zinc-400"
      >
        {state.error ?? state.sent ?? ""}
      </p>
    </form>
  );
}
