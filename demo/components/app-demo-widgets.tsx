"use client";

import { AuthInspector } from "@/demo/components/auth-inspector";
import { ChannelProbe } from "@/demo/components/channel-probe";
import { DirectMessages } from "@/demo/components/chat/direct-messages";
import { RoomChat } from "@/demo/components/chat/room-chat";
import { RoomPresence } from "@/demo/components/room-presence";

export type AppDemoProps = {
  me: string;
  people: { id: string; username: string }[];
  rooms: { slug: string; name: string }[];
};

/** The demo's widgets on /app: chat, direct messages, the channel probe and the inspector. */
export function AppDemoWidgets({ me, people, rooms }: AppDemoProps) {
  return (
    <section aria-label="Demo" className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="space-y-10">
        <RoomChat rooms={rooms} />
        <DirectMessages me={me} people={people} />
        <ChannelProbe />
      </div>
      <aside className="space-y-8">
        <RoomPresence room="lobby" />
        <AuthInspector flow="backend" />
      </aside>
    </section>
  );
}
