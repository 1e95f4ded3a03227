"use client";

import type { PresenceChannel } from "pusher-js";
import { useCallback, useEffect, useRef, useState } from "react";
import { useRealtime } from "@/components/realtime-provider";

const SHOWN_FOR_MS = 3_000;
const RESEND_AFTER_MS = 1_500;

/**
 * Who else is typing in a presence channel, told with client events (client-typing), which
 * go from browser to browser without the app server. Returns the names and a notifier.
 */
export function useTyping(channelName: string) {
  const { client, user } = useRealtime();
  const userId = user?.id;
  const channelRef = useRef<PresenceChannel | null>(null);
  const lastSent = useRef(0);
  const [typing, setTyping] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!client || !userId) return;
    const channel = client.join(channelName) as PresenceChannel;
    channelRef.current = channel;
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const forget = (id: string) =>
      setTyping((current) =>
        Object.fromEntries(Object.entries(current).filter(([key]) => key !== id)),
      );
    const onTyping = (data: { typing?: boolean }, metadata?: { user_id?: string }) => {
      const id = metadata?.user_id;
      if (!id || id === userId) return;
      clearTimeout(timers.get(id));
      if (!data.typing) return forget(id);
      const name =
        (channel.members.get(id)?.info as { name?: string } | undefined)?.name ?? "Someone";
      setTyping((current) => ({ ...current, [id]: name }));
      timers.set(
        id,
        setTimeout(() => forget(id), SHOWN_FOR_MS),
      );
    };
    channel.bind("client-typing", onTyping);
    return () => {
      for (const timer of timers.values()) clearTimeout(timer);
      channel.unbind("client-typing", onTyping);
      channelRef.current = null;
      client.leave(channelName);
      setTyping({});
    };
  }, [client, userId, channelName]);

  const notify = useCallback((isTyping: boolean) => {
    const channel = channelRef.current;
    if (!channel?.subscribed) return;
    const now = Date.now();
    // Pusher allows 10 client events per second per connection: send at most one per 1.5 s.
    if (isTyping && now - lastSent.current < RESEND_AFTER_MS) return;
    lastSent.current = isTyping ? now : 0;
    channel.trigger("client-typing", { typing: isTyping });
  }, []);

  return { names: Object.values(typing), notify };
}
