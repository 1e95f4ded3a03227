"use client";

import { useEffect, useState } from "react";
import { useRealtime } from "@/components/realtime-provider";
import { Section } from "@/components/section";

export type Notice = { from: { name: string; username: string }; text: string; sentAt: string };

/** Events sent to this user by id (pusher.sendToUser), as they arrive in this tab. */
export function UserInbox() {
  const { client } = useRealtime();
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(
    () =>
      client?.bindUser("notice", (data) =>
        setNotices((seen) => [data as Notice, ...seen].slice(0, 50)),
      ),
    [client],
  );
  return (
    <Section
      id="inbox-heading"
      title="Sent to you"
      titleClassName="text-sm font-semibold"
      className="space-y-2"
    >
      {notices.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing yet.</p>
      ) : (
        <ul data-testid="inbox" className="space-y-1 text-sm">
          {notices.map((notice) => (
            <li key={`${notice.sentAt}-${notice.from.username}`}>
              <span className="font-medium">@{notice.from.username}</span>: {notice.text}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
