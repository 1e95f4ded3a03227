import "server-only";
import { db } from "@/lib/db";
import { roomAudience } from "@/lib/db/queries";
import type { User } from "@/lib/db/schema";
import { mayJoinChannel } from "@/lib/realtime/channels";

/** A room's members are whoever may join its presence channel: one rule for both. */
export function mayUseRoom(user: User, slug: string): Promise<boolean> {
  return mayJoinChannel(user, `presence-room-${slug}`, {
    roomAudience: (room) => roomAudience(db(), room),
  });
}

export function senderOf(user: User) {
  return { id: user.id, name: user.name ?? user.username, username: user.username };
}
