"use client";

import type { PresenceChannel } from "pusher-js";
import { useEffect, useState } from "react";
import { useRealtime } from "@/components/realtime-provider";

type Member = { id: string; name: string };

/**
 * Who is on a presence channel right now, live. `id` names the list for tests and headings:
 * the core shows "presence-online"; features pass their own channels (a chat's rooms, say).
 */
export function PresenceList({
  channel: name,
  id,
  title,
}: {
  channel: string;
  id: string;
  title: string;
}) {
  const { client, user, error: realtimeError } = useRealtime();
  const userId = user?.id;
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!client || !userId) return;
    const channel = client.join(name, (refusal) => setError(refusal.message)) as PresenceChannel;
    const refresh = () => {
      const list: Member[] = [];
      channel.members.each((member: { id: string; info: Omit<Member, "id"> }) => {
        list.push({ id: member.id, ...member.info });
      });
      setMembers(list.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)));
    };
    for (const event of [
      "pusher:subscription_succeeded",
      "pusher:member_added",
      "pusher:member_removed",
    ]) {
      channel.bind(event, refresh);
    }
    return () => {
      channel.unbind_all();
      client.leave(name);
      setMembers(null);
    };
  }, [client, userId, name]);

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-2">
      <h2 id={`${id}-heading`} className="text-sm font-semibold">
        {title}
      </h2>
      {error ? (
        <p className="text-sm text-red-700 dark:text-red-400">{error}</p>
      ) : members === null ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {realtimeError ? "Not connected." : "Joining…"}
        </p>
      ) : (
        <ul data-testid={id} className="flex flex-wrap gap-2">
          {members.map((member) => (
            <li
              key={member.id}
              data-user-id={member.id}
              className="rounded-full bg-zinc-100 px-3 py-1 text-sm dark:bg-zinc-800"
            >
              {member.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
