import "server-only";
import { db, migrateOnce } from "@/lib/db";
import { describeDemoAccounts, seedDemoAccounts, seedRooms } from "@/lib/db/seed";
import { env } from "@/lib/env";
import { listenForUserChanges } from "@/lib/realtime/user-cache";

/** Runs once when the server starts, before it answers any request. */
export async function bootstrap(): Promise<void> {
  await migrateOnce();
  await listenForUserChanges();
  await seedRooms(db());
  // A demo site with the bundled realtime server gets its demo accounts; a deployment does not.
  if (env().REALTIME_SERVER === "bundled") {
    const created = await seedDemoAccounts(db());
    if (created.length > 0) console.log(`\n${describeDemoAccounts()}\n`);
  }
}
