"use client";

import { type FormEvent, useState } from "react";
import { useRealtime } from "@/components/realtime-provider";
import { Verdict } from "@/components/verdict";

/** Try any channel name and see the verdict of channel auth (/api/pusher/auth/batch). */
export function ChannelProbe() {
  const { client, user } = useRealtime();
  const [verdict, setVerdict] = useState<string>("");

  function probe(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("channel") ?? "").trim();
    if (!client || !name) return;
    setVerdict(`Subscribing to ${name}…`);
    const channel = client.join(name, (error) => {
      setVerdict(`Subscription error${error.status ? ` (${error.status})` : ""}: ${error.message}`);
      client.leave(name);
    });
    if (channel.subscribed) setVerdict(`Subscribed to ${name}.`);
    else channel.bind("pusher:subscription_succeeded", () => setVerdict(`Subscribed to ${name}.`));
  }

  return (
    <form onSubmit={probe} className="space-y-2">
      <label htmlFor="channel" className="block text-sm font-semibold">
        Try a channel
      </label>
      <div className="flex gap-2">
        <input
          id="channel"
          name="channel"
          placeholder="private-user-…"
          maxLength={164}
          className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button
          type="submit"
          disabled={!user}
          className="rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Subscribe
        </button>
      </div>
      <Verdict testId="channel-verdict">{verdict}</Verdict>
    </form>
  );
}
