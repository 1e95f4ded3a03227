import "server-only";
import { findRoomAudience } from "@/demo/db/queries";
import type { RoomAudience } from "@/demo/lib/chat/channel-policy";
import { db } from "@/lib/db";

// Channel auth asks for a room's audience on every subscription: rooms change rarely (a
// migration), so a minute's memory is fine. Only rooms that exist are remembered, so the memory
// is as large as the rooms table: names anyone may make up (50 per channel auth request) are
// asked of the database each time instead.
const TTL_MS = 60_000;
const remembered = new Map<string, { audience: RoomAudience; expires: number }>();

/** Who may enter a room; undefined when there is no such room. */
export async function roomAudience(slug: string): Promise<RoomAudience | undefined> {
  const hit = remembered.get(slug);
  if (hit && hit.expires > Date.now()) return hit.audience;
  const audience = await findRoomAudience(db(), slug);
  if (audience) remembered.set(slug, { audience, expires: Date.now() + TTL_MS });
  else remembered.delete(slug);
  return audience;
}
