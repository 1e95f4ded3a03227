"use client";

import type { PresenceChannel } from "pusher-js";
import { useEffect, useState } from "react";
import { useRealtime } from "@/components/realtime-provider";
import { roomChannel } from "@/lib/chat/channel-names";

type Member = { id: string; name: string; username: string };

/** Who is in a room right now, live, from its presence channel. */
export function PresenceList({ room }: { room: string }) {
  const { client, user, error: realtimeError } = useRealtime();
  const userId = user?.id;
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!client || !userId) return;
    const name = roomChannel.build({ slug: room });
    const channel = client.join(name, (refusal) => setError(refusal.message)) as PresenceChannel;
    const refresh = () => {
      const list: Member[] = [];
      channel.members.each((member: { id: string; info: Omit<Member, "id"> }) => {
        list.push({ id: member.id, ...member.info });
      });
      setMembers(list.sort((a, b) => a.username.localeCompare(b.username)));
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
  }, [client, userId, room]);

  return (
    <section aria-labelledby={`presence-${room}`} className="space-y-2">
      <h2 id={`presence-${room}`} className="text-sm font-semibold">
        In #{room} now
      </h2>
      {error ? (
        <p className="text-sm text-red-700 dark:text-red-400">{error}</p>
      ) : members === null ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {realtimeError ? "Not connected." : "Joining…"}
        </p>
      ) : (
        <ul data-testid={`presence-${room}`} className="flex flex-wrap gap-2">
          {members.map((member) => (
            <li
              key={member.id}
              data-username={member.username}
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
