"use client";

import { useEffect } from "react";
import { useRealtime } from "@/components/realtime-provider";
import { userChannel } from "@/lib/channels/names";

/** Joins private-user-{id} while signed in: its occupancy webhooks tell the server who is online. */
export function PersonalChannel() {
  const { client, user } = useRealtime();
  const userId = user?.id;
  useEffect(() => {
    if (!client || !userId) return;
    const name = userChannel.build({ userId });
    client.join(name);
    return () => client.leave(name);
  }, [client, userId]);
  return null;
}
