"use client";

import { PresenceList } from "@/components/presence-list";
import { useRealtime } from "@/components/realtime-provider";
import { roomChannel } from "@/demo/lib/chat/channel-names";

/** Who is in a room now, from the room's presence channel. */
export function RoomPresence({ room }: { room: string }) {
  return (
    <PresenceList
      channel={roomChannel.build({ slug: room })}
      id={`presence-${room}`}
      title={`In #${room} now`}
    />
  );
}

/** The room's presence once the client has started (signed in, or saying why it is not). */
export function StartedRoomPresence({ room }: { room: string }) {
  const { user, error } = useRealtime();
  return user || error ? <RoomPresence room={room} /> : null;
}
