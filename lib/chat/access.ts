import "server-only";
import { sessionUserId } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { findUserById, roomAudience } from "@/lib/db/queries";
import type { User } from "@/lib/db/schema";
import { mayJoinChannel } from "@/lib/realtime/channels";

/** The signed-in user, fresh from the database, unless signed out or banned. */
export async function chatUser(): Promise<User | undefined> {
  const userId = await sessionUserId();
  if (!userId) return undefined;
  const user = await findUserById(db(), userId);
  return user && !user.bannedAt ? user : undefined;
}

/** A room's members are whoever may join its presence channel: one rule for both. */
export function mayUseRoom(user: User, slug: string): Promise<boolean> {
  return mayJoinChannel(user, `presence-room-${slug}`, {
    roomAudience: (room) => roomAudience(db(), room),
  });
}

export function senderOf(user: User) {
  return { id: user.id, name: user.name ?? user.username, username: user.username };
}
