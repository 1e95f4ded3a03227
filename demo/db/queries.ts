import { eq } from "drizzle-orm";
import { rooms } from "@/demo/db/schema";
import type { Database } from "@/lib/db/connect";

/** Who may enter a room; undefined when there is no such room. */
export async function findRoomAudience(
  db: Database,
  slug: string,
): Promise<(typeof rooms.$inferSelect)["audience"] | undefined> {
  const [room] = await db
    .select({ audience: rooms.audience })
    .from(rooms)
    .where(eq(rooms.slug, slug))
    .limit(1);
  return room?.audience;
}
