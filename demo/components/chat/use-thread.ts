"use client";

import type { Channel } from "pusher-js";
import { useCallback, useEffect, useRef, useState } from "react";
import { useRealtime } from "@/components/realtime-provider";
import { type ChatMessage, leavesGap, mergeMessages } from "@/demo/lib/chat/messages";

type Options = {
  /** The channel whose "message" events carry this thread. */
  channel: string;
  /** GET returns { messages }; with ?after=N, those after N. */
  historyUrl: string;
  /** For channels that carry several threads (an inbox): keeps this thread's events. */
  accepts?: (payload: Record<string, unknown>) => boolean;
};

/**
 * A thread's messages, each once and in order. History is plain HTTP and loads when the thread
 * opens, whatever the realtime connection is doing. The channel adds messages live, and after
 * every (re-)subscription the gap after the last seq seen is fetched, because the realtime
 * service does not replay what a client missed.
 */
export function useThread({ channel: channelName, historyUrl, accepts }: Options) {
  const { client, user } = useRealtime();
  const userId = user?.id;
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const lastSeq = useRef(0);
  const loaded = useRef(false);
  const channelRef = useRef<Channel | null>(null);
  const acceptsRef = useRef(accepts);
  acceptsRef.current = accepts;

  const add = useCallback((incoming: ChatMessage[]) => {
    setMessages((current) => mergeMessages(current, incoming));
    for (const message of incoming) lastSeq.current = Math.max(lastSeq.current, message.seq);
  }, []);

  const fetchMessages = useCallback(
    async (after?: number) => {
      const response = await fetch(
        after === undefined ? historyUrl : `${historyUrl}?after=${after}`,
      );
      if (!response.ok) throw new Error(`History answered ${response.status}`);
      add(((await response.json()) as { messages: ChatMessage[] }).messages);
    },
    [historyUrl, add],
  );

  /** Fetches what came after the last seq seen, once both history and subscription are there. */
  const catchUp = useCallback(() => {
    if (loaded.current && channelRef.current?.subscribed) {
      fetchMessages(lastSeq.current).catch(() => setStatus("error"));
    }
  }, [fetchMessages]);

  useEffect(() => {
    let open = true;
    loaded.current = false;
    lastSeq.current = 0;
    setMessages([]);
    setStatus("loading");
    fetchMessages()
      .then(() => {
        if (!open) return;
        loaded.current = true;
        setStatus("ready");
        catchUp(); // Covers what was sent between the history query and the subscription.
      })
      .catch(() => open && setStatus("error"));
    return () => {
      open = false;
    };
  }, [fetchMessages, catchUp]);

  useEffect(() => {
    if (!client || !userId) return;
    const channel = client.join(channelName);
    channelRef.current = channel;
    const onMessage = (payload: ChatMessage & Record<string, unknown>) => {
      if (acceptsRef.current && !acceptsRef.current(payload)) return;
      if (leavesGap(lastSeq.current, payload.seq)) catchUp();
      add([payload]);
    };
    channel.bind("message", onMessage);
    channel.bind("pusher:subscription_succeeded", catchUp);
    if (channel.subscribed) catchUp();
    return () => {
      channel.unbind("message", onMessage);
      channel.unbind("pusher:subscription_succeeded", catchUp);
      channelRef.current = null;
      client.leave(channelName);
    };
  }, [client, userId, channelName, add, catchUp]);

  return { messages, status, add };
}
