"use client";

import { PresenceList } from "@/components/presence-list";
import { useRealtime } from "@/components/realtime-provider";
import { onlineChannel } from "@/lib/channels/names";

/**
 * The core's one presence channel: every signed-in user, live. Shown only while this tab is
 * signed in: when it is not, the realtime notice says why, once.
 */
export function OnlineNow() {
  const { user } = useRealtime();
  if (!user) return null;
  return <PresenceList channel={onlineChannel.build({})} id="presence-online" title="Online now" />;
}
