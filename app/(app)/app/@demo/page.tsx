import { AuthInspector } from "@/demo/components/auth-inspector";
import { ChannelProbe } from "@/demo/components/channel-probe";
import { DirectMessages } from "@/demo/components/chat/direct-messages";
import { RoomChat } from "@/demo/components/chat/room-chat";
import { RoomPresence } from "@/demo/components/room-presence";
import { roomsFor } from "@/demo/lib/chat/rooms";
import { requireUser } from "@/lib/auth/gate";
import { db } from "@/lib/db";
import { listRecipients } from "@/lib/db/queries";

/** The demo's part of /app: chat, direct messages, the channel probe and the inspector. */
export default async function AppDemo() {
  const { user: me } = await requireUser("/app");
  // Only the fields the browser needs, and only the rooms this user may enter.
  const [people, rooms] = await Promise.all([listRecipients(db(), me.id), roomsFor(me)]);
  return (
    <section aria-label="Demo" className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="space-y-10">
        <RoomChat rooms={rooms} />
        <DirectMessages me={me.id} people={people} />
        <ChannelProbe />
      </div>
      <aside className="space-y-8">
        <RoomPresence room="lobby" />
        <AuthInspector flow="backend" />
      </aside>
    </section>
  );
}
