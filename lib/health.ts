import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { pusher } from "@/lib/realtime/server/pusher";

const TIMEOUT_MS = 2_000;

async function within<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function reachable(check: () => Promise<boolean>): Promise<boolean> {
  try {
    return await within(check());
  } catch {
    return false;
  }
}

export async function checkHealth() {
  const [database, realtime] = await Promise.all([
    reachable(async () => {
      await db().execute(sql`select 1`);
      return true;
    }),
    // An authenticated API call: proves the server is up and accepts this app's credentials.
    reachable(async () => (await pusher().get({ path: "/channels" })).ok),
  ]);
  return { ok: database && realtime, db: database, realtime };
}
