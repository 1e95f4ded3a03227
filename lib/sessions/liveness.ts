import { and, gt, isNull, or, type SQL, sql } from "drizzle-orm";
import { realtimeSessions, webSessions } from "@/lib/db/schema";
import type { SessionEndReason } from "@/lib/vocabulary/end-reason";

// Whether a session is live: one rule, written here twice, once for rows in hand and once as SQL
// for the queries that select or update live sessions. tests/unit/liveness.db.test.ts holds the
// two to the same answers.
//
// A web session is live until it ends or expires. A realtime session is live until it ends,
// expires, or idles past REALTIME_SESSION_IDLE_SECONDS since its token last rotated, and while
// the web session whose ticket started it (if any) is live.

export type Liveness = { live: true } | { live: false; reason: SessionEndReason | undefined };

type Ends = { endedAt: Date | null; endReason: SessionEndReason | null; expiresAt: Date };

export type WebSessionRow = Ends;

export type RealtimeSessionRow = Ends & {
  rotatedAt: Date;
  /** The web session that started it (backend flow); null when none did (service flow). */
  parent: Ends | null;
};

const LIVE = { live: true } as const;
const EXPIRED = { live: false, reason: "session_expired" } as const;

/** A web session: live, or why not. */
export function webLiveness(session: WebSessionRow, now = new Date()): Liveness {
  if (session.endedAt) return { live: false, reason: session.endReason ?? undefined };
  if (session.expiresAt <= now) return EXPIRED;
  return LIVE;
}

/** A realtime session: live, or why not (its own end first, then its web session's). */
export function realtimeLiveness(
  session: RealtimeSessionRow,
  limits: { idleSeconds: number; now?: Date },
): Liveness {
  const now = limits.now ?? new Date();
  const own = webLiveness(session, now);
  if (!own.live) return own;
  if (session.rotatedAt.getTime() + limits.idleSeconds * 1000 <= now.getTime()) return EXPIRED;
  return session.parent ? webLiveness(session.parent, now) : LIVE;
}

/** The same rule for web_session rows, as SQL. */
export function liveWebSession(now: Date): SQL {
  return and(isNull(webSessions.endedAt), gt(webSessions.expiresAt, now)) as SQL;
}

/** The same rule for realtime_session rows, as SQL (its web session read in a subquery). */
export function liveRealtimeSession(limits: { idleSeconds: number; now: Date }): SQL {
  const idleSince = new Date(limits.now.getTime() - limits.idleSeconds * 1000);
  const parentLive = sql`select 1 from ${webSessions} where ${webSessions.id} = ${realtimeSessions.webSessionId} and ${liveWebSession(limits.now)}`;
  return and(
    isNull(realtimeSessions.endedAt),
    gt(realtimeSessions.expiresAt, limits.now),
    gt(realtimeSessions.rotatedAt, idleSince),
    or(isNull(realtimeSessions.webSessionId), sql`exists (${parentLive})`),
  ) as SQL;
}
