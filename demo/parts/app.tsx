import { AppDemo } from "@/demo/components/app-demo";
import { roomsFor } from "@/demo/lib/chat/rooms";
import { db } from "@/lib/db";
import { listRecipients } from "@/lib/db/queries";
import { requireUser } from "@/lib/identity/gate";

/** The demo's part of /app: chat, direct messages, the channel probe and the inspector. */
export default async function AppDemoSlot() {
  const { user: me } = await requireUser("/app");
  // Only the fields the browser needs, and only the rooms this user may enter.
  const [people, rooms] = await Promise.all([listRecipients(db(), me.id), roomsFor(me)]);
  return <AppDemo me={me.id} people={people} rooms={rooms} />;
}
