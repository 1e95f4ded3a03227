"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRealtime } from "@/components/realtime-provider";
import { type ChatMessage, leavesGap, mergeMessages } from "@/lib/chat/messages";

type Options = {
  /** The channel whose "message" events carry this thread. */
  channel: string;
  /** GET returns { messages }; with ?after=N, those after N. */
  historyUrl: string;
  /** For channels that carry several threads (an inbox): keeps this thread's events. */
  accepts?: (payload: Record<string, unknown>) => boolean;
};

/**
 * A thread's messages, each once and in order. History loads when it opens; after any
 * re-subscription (a reconnect) the gap after the last seq seen is fetched, because the
 * realtime service does not replay what was missed.
 */
export function useThread({ channel: channelName, historyUrl, accepts }: Options) {
  const { client, user } = useRealtime();
  const userId = user?.id;
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const lastSeq = useRef(0);
  const acceptsRef = useRef(accepts);
  acceptsRef.current = accepts;

  const add = useCallback((incoming: ChatMessage[]) => {
    setMessages((current) => mergeMessages(current, incoming));
    for (const message of incoming) lastSeq.current = Math.max(lastSeq.current, message.seq);
  }, []);

  useEffect(() => {
    if (!client || !userId) return;
    let open = true;
    let loaded = false;
    lastSeq.current = 0;
    setMessages([]);
    setStatus("loading");

    const fetchMessages = async (after?: number) => {
      const response = await fetch(
        after === undefined ? historyUrl : `${historyUrl}?after=${after}`,
      );
      if (!response.ok) throw new Error(`History answered ${response.status}`);
      const body = (await response.json()) as { messages: ChatMessage[] };
      if (open) add(body.messages);
    };
    const channel = client.join(channelName);
    const catchUp = () => {
      if (loaded && channel.subscribed)
        fetchMessages(lastSeq.current).catch(() => setStatus("error"));
    };
    const onMessage = (payload: ChatMessage & Record<string, unknown>) => {
      if (acceptsRef.current && !acceptsRef.current(payload)) return;
      if (loaded && leavesGap(lastSeq.current, payload.seq)) catchUp();
      add([payload]);
    };
    fetchMessages()
      .then(() => {
        loaded = true;
        if (open) setStatus("ready");
        catchUp(); // Covers what was sent between the history query and the subscription.
      })
      .catch(() => open && setStatus("error"));
    channel.bind("message", onMessage);
    channel.bind("pusher:subscription_succeeded", catchUp);
    return () => {
      open = false;
      channel.unbind("message", onMessage);
      channel.unbind("pusher:subscription_succeeded", catchUp);
      client.leave(channelName);
    };
  }, [client, userId, channelName, historyUrl, add]);

  return { messages, status, add };
}
