"use client";

import { useState } from "react";
import { useRealtime } from "@/components/realtime-provider";
import { Section } from "@/components/section";
import { Verdict } from "@/components/verdict";
import { RealtimeError } from "@/lib/realtime/client/client";

/** "Ticket first": ask the backend for a ticket, then hand it to client.start(ticket). */
export function TicketSignIn() {
  const { client } = useRealtime();
  const [ticket, setTicket] = useState("");
  const [verdict, setVerdict] = useState("");

  async function getTicket() {
    if (!client) return;
    try {
      const { userTicket, expiresAt } = await client.requestTicket();
      setTicket(userTicket);
      setVerdict(`Ticket valid until ${expiresAt}.`);
    } catch (error) {
      setVerdict(`No ticket: ${error instanceof RealtimeError ? error.message : String(error)}`);
    }
  }

  async function start() {
    if (!client) return;
    setVerdict("Exchanging the ticket…");
    try {
      const user = await client.start(ticket.trim());
      setVerdict(`Signed in as ${user.user_info?.username ?? user.id} with the ticket.`);
    } catch (error) {
      const reason =
        error instanceof RealtimeError ? `${error.code}: ${error.message}` : String(error);
      setVerdict(`Refused (${reason})`);
    }
  }

  return (
    <Section
      id="ticket-heading"
      title="Ticket first"
      titleClassName="text-sm font-semibold"
      className="space-y-2"
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Get a signed, short-lived ticket, edit it if you like, and start the realtime session with
        it.
      </p>
      <label htmlFor="ticket" className="sr-only">
        Ticket
      </label>
      <textarea
        id="ticket"
        value={ticket}
        onChange={(event) => setTicket(event.target.value)}
        rows={3}
        className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-xs break-all dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="flex gap-2">
        <button
          type="button"
          onClick={getTicket}
          className="rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Get a ticket
        </button>
        <button
          type="button"
          onClick={start}
          disabled={!ticket.trim()}
          className="rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Start with this ticket
        </button>
      </div>
      <Verdict testId="ticket-verdict">{verdict}</Verdict>
    </Section>
  );
}
