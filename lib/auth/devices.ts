import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import { approximateAddress } from "@/lib/auth/approximate-address";
import { describeUserAgent } from "@/lib/auth/user-agent";
import type { Database } from "@/lib/db/connect";
import {
  type AuthFlow,
  realtimeSessions,
  type SignInMethod,
  users,
  type WebSessionEndReason,
  webSessions,
} from "@/lib/db/schema";

// A device is one live session of a user: a web sign-in (the session cookie), or a realtime
// session that a ticket started (backend flow) or that service authentication started. This
// module lists them, ends them, keeps their last activity, and holds the per-user limit.

/** A database, or a transaction on one: both run the same queries. */
type Queryable = Pick<Database, "select" | "update" | "insert">;

/** How a device signed in: the site's sign-in, a ticket from the app's backend, or the service. */
export type DeviceKind = "web" | "ticket" | "service";

/** One live session, as stored. */
export type LiveSession = {
  id: string;
  kind: DeviceKind;
  /** Web sessions: credentials or GitHub. */
  method: SignInMethod | null;
  /** Ticket sessions: the web session whose ticket started it (it ends with that one). */
  webSessionId: string | null;
  userAgent: string | null;
  clientAddress: string | null;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
};

/** A session as its owner sees it: named from its User-Agent, its address approximated. */
export type Device = {
  id: string;
  kind: DeviceKind;
  method: SignInMethod | null;
  startedFrom: string | null;
  browser: string | null;
  os: string | null;
  label: string;
  /** The address's /24 (IPv4) or /48 (IPv6), as a CIDR prefix; null when not known. */
  approximateAddress: string | null;
  startedAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
};

function kindOf(flow: AuthFlow): DeviceKind {
  return flow === "service" ? "service" : "ticket";
}

/**
 * Every live session of a user: web sessions that neither ended nor expired, and realtime
 * sessions that were not revoked, have not expired, and whose web session (if any) lives.
 */
export async function liveSessions(
  db: Queryable,
  userId: string,
  now = new Date(),
): Promise<LiveSession[]> {
  const web = await db
    .select()
    .from(webSessions)
    .where(
      and(
        eq(webSessions.userId, userId),
        isNull(webSessions.endedAt),
        gt(webSessions.expiresAt, now),
      ),
    );
  const realtime = await db
    .select({ session: realtimeSessions, parentId: webSessions.id })
    .from(realtimeSessions)
    .leftJoin(
      webSessions,
      and(
        eq(webSessions.id, realtimeSessions.webSessionId),
        isNull(webSessions.endedAt),
        gt(webSessions.expiresAt, now),
      ),
    )
    .where(
      and(
        eq(realtimeSessions.userId, userId),
        isNull(realtimeSessions.endedAt),
        gt(realtimeSessions.expiresAt, now),
      ),
    );
  return [
    ...web.map((session) => ({
      id: session.id,
      kind: "web" as const,
      method: session.method,
      webSessionId: null,
      userAgent: session.userAgent,
      clientAddress: session.clientAddress,
      createdAt: session.createdAt,
      lastActiveAt: session.lastActiveAt,
      expiresAt: session.expiresAt,
    })),
    ...realtime
      // A ticket session whose web session ended is over, whatever its own row says.
      .filter(({ session, parentId }) => !session.webSessionId || parentId)
      .map(({ session }) => ({
        id: session.id,
        kind: kindOf(session.flow),
        method: null,
        webSessionId: session.webSessionId,
        userAgent: session.userAgent,
        clientAddress: session.clientAddress,
        createdAt: session.createdAt,
        lastActiveAt: session.lastActiveAt,
        expiresAt: session.expiresAt,
      })),
  ];
}

/** Least recently used first; the older start breaks a tie, then the id. */
function leastRecentlyUsedFirst(a: LiveSession, b: LiveSession): number {
  return (
    a.lastActiveAt.getTime() - b.lastActiveAt.getTime() ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.id.localeCompare(b.id)
  );
}

/** The devices of a user, most recently active first. */
export async function listDevices(db: Queryable, userId: string, now = new Date()) {
  const sessions = await liveSessions(db, userId, now);
  return sessions
    .sort((a, b) => leastRecentlyUsedFirst(b, a))
    .map(
      (session): Device => ({
        id: session.id,
        kind: session.kind,
        method: session.method,
        startedFrom: session.webSessionId,
        ...describeUserAgent(session.userAgent),
        approximateAddress: approximateAddress(session.clientAddress),
        startedAt: session.createdAt,
        lastActiveAt: session.lastActiveAt,
        expiresAt: session.expiresAt,
      }),
    );
}

/**
 * Ends the given sessions of `userId` (web or realtime ids; another user's ids match nothing),
 * and the realtime sessions that the ended web sessions' tickets started. Returns the ids of
 * every session that ended here, for the tabs that must be told.
 */
export async function endSessions(
  db: Queryable,
  userId: string,
  ids: string[],
  reason: WebSessionEndReason,
  now = new Date(),
): Promise<string[]> {
  if (ids.length === 0) return [];
  const web = await db
    .update(webSessions)
    .set({ endedAt: now, endReason: reason })
    .where(
      and(
        eq(webSessions.userId, userId),
        inArray(webSessions.id, ids),
        isNull(webSessions.endedAt),
      ),
    )
    .returning({ id: webSessions.id });
  const webIds = web.map((session) => session.id);
  const realtime = await db
    .update(realtimeSessions)
    .set({ endedAt: now, endReason: reason })
    .where(
      and(
        eq(realtimeSessions.userId, userId),
        isNull(realtimeSessions.endedAt),
        webIds.length > 0
          ? or(inArray(realtimeSessions.id, ids), inArray(realtimeSessions.webSessionId, webIds))
          : inArray(realtimeSessions.id, ids),
      ),
    )
    .returning({ id: realtimeSessions.id });
  return [...webIds, ...realtime.map((session) => session.id)];
}

/**
 * Holds the user's row until the transaction ends: every start of a session of this user goes
 * through here first, so two sign-ins at once are counted one after the other, never together.
 */
export async function lockUser(db: Queryable, userId: string): Promise<void> {
  await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
}

/**
 * The per-user limit, inside the transaction that just stored a new session (after lockUser):
 * while the user holds more than `limit` live sessions, ends the least recently used one that is
 * not in `keep` (the new session, and the web session its ticket came from). Ending a web session
 * ends its ticket sessions too. Returns every session ended, with reason "session_limit".
 */
export async function makeRoom(
  db: Queryable,
  userId: string,
  limit: number,
  keep: ReadonlySet<string>,
  now = new Date(),
): Promise<string[]> {
  const live = await liveSessions(db, userId, now);
  const remaining = new Set(live.map((session) => session.id));
  const ended: string[] = [];
  for (const session of live.filter((s) => !keep.has(s.id)).sort(leastRecentlyUsedFirst)) {
    if (remaining.size <= limit) break;
    if (!remaining.has(session.id)) continue; // Ended with its web session already.
    for (const id of await endSessions(db, userId, [session.id], "session_limit", now)) {
      remaining.delete(id);
      ended.push(id);
    }
  }
  return ended;
}

/** Records activity at most once a minute per session: the update is a no-op within the minute. */
export const ACTIVITY_RESOLUTION_MS = 60_000;

/** Marks a session active now, unless it was marked within the last minute; true if written. */
export async function recordActivity(
  db: Queryable,
  kind: "web" | "realtime",
  sessionId: string,
  now = new Date(),
): Promise<boolean> {
  const before = new Date(now.getTime() - ACTIVITY_RESOLUTION_MS);
  const table = kind === "web" ? webSessions : realtimeSessions;
  const written = await db
    .update(table)
    .set({ lastActiveAt: now })
    .where(and(eq(table.id, sessionId), lte(table.lastActiveAt, before)))
    .returning({ id: table.id });
  return written.length > 0;
}
