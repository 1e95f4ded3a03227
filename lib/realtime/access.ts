import "server-only";
import { db } from "@/lib/db";
import { setBanned } from "@/lib/db/queries";
import { pusher } from "@/lib/realtime/server";
import { revokeRealtimeAccess } from "@/lib/realtime/sessions";
import { announceUserChange } from "@/lib/realtime/user-cache";

// What sign-out and a ban do to a user's realtime access, in the order that leaves no gap:
// first refuse new sign-ins (in the database, then in every instance's cache), then close the
// connections that exist.

export async function endRealtimeAccess(userId: string): Promise<void> {
  await revokeRealtimeAccess(db(), userId);
  await announceUserChange(userId);
  await pusher().terminateUserConnections(userId);
}

export async function banUser(userId: string): Promise<void> {
  await setBanned(db(), userId, true);
  await endRealtimeAccess(userId);
}

export async function unbanUser(userId: string): Promise<void> {
  await setBanned(db(), userId, false);
  await announceUserChange(userId);
}

export async function disconnectUser(userId: string): Promise<void> {
  await pusher().terminateUserConnections(userId);
}
