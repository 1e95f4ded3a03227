import "server-only";
import { count } from "drizzle-orm";
import { db } from "@/lib/db";
import { realtimeSessions, webSessions } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { setLiveSessions } from "@/lib/observability/metrics";
import { liveRealtimeSession, liveWebSession } from "@/lib/sessions/liveness";
import type { SessionStore } from "@/lib/vocabulary/session-kinds";

// Live sessions are rows in the shared database, not events of one instance: counted when asked
// (a scrape of GET /api/metrics, the /admin panel), by the same rule as every other query of live
// sessions.

/** The live sessions of every instance, by kind, also set on the realtime_sessions_live gauge. */
export async function readLiveSessions(now = new Date()): Promise<Record<SessionStore, number>> {
  const limits = { idleSeconds: env().REALTIME_SESSION_IDLE_SECONDS, now };
  const [[web], [realtime]] = await Promise.all([
    db().select({ n: count() }).from(webSessions).where(liveWebSession(now)),
    db().select({ n: count() }).from(realtimeSessions).where(liveRealtimeSession(limits)),
  ]);
  const live = { web: web?.n ?? 0, realtime: realtime?.n ?? 0 };
  setLiveSessions(live);
  return live;
}
