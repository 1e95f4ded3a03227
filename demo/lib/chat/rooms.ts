import "server-only";
import { z } from "zod";
import { rooms } from "@/demo/db/schema";
import { roomChannel } from "@/demo/lib/chat/channel-names";
import { policy } from "@/features";
import type { ChannelUser } from "@/lib/channels/policy";
import { db } from "@/lib/db";

/** What a room's slug may be (the rooms table's keys). */
export const roomSlugSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, "Not a room.");

/** The rooms in the database that `user` may enter, by the policy's subscribe rule. */
export async function roomsFor(user: ChannelUser): Promise<{ slug: string; name: string }[]> {
  const all = await db().select({ slug: rooms.slug, name: rooms.name }).from(rooms);
  const allowed = await Promise.all(
    all.map((room) => policy.may(user, "subscribe", roomChannel.build({ slug: room.slug }))),
  );
  return all.filter((_, index) => allowed[index]).sort((a, b) => a.slug.localeCompare(b.slug));
}
