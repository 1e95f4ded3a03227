import { and, eq, lte } from "drizzle-orm";
import { realtimeSessions, webSessions } from "@/lib/db/schema";
import { approximateAddress } from "@/lib/http/approximate-address";
import { describeUserAgent } from "@/lib/http/user-agent";
import type { Queryable } from "@/lib/sessions/end";
import { type LiveSession, leastRecentlyUsedFirst, liveSessions } from "@/lib/sessions/limit";
import type { DeviceKind, SessionStore, SignInMethod } from "@/lib/vocabulary/session-kinds";

// A device is one live session of a user (lib/sessions/limit.ts): a web sign-in (the session
// cookie), or a realtime session that a ticket started (backend flow) or that service
// authentication started. This module names them for their owner and keeps their last activity.

/** How a device signed in: the site's sign-in, a ticket from the app's backend, or the service. */

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

function kindOf(session: LiveSession): DeviceKind {
  if (session.kind === "web") return "web";
  return session.flow === "service" ? "service" : "ticket";
}

/** The devices of a user, most recently active first. */
export async function listDevices(
  db: Queryable,
  userId: string,
  limits: { idleSeconds: number; now?: Date },
) {
  const sessions = await liveSessions(db, userId, limits);
  return sessions
    .sort((a, b) => leastRecentlyUsedFirst(b, a))
    .map(
      (session): Device => ({
        id: session.id,
        kind: kindOf(session),
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

/** Records activity at most once a minute per session: the update is a no-op within the minute. */
export const ACTIVITY_RESOLUTION_MS = 60_000;

/** Marks a session active now, unless it was marked within the last minute; true if written. */
export async function recordActivity(
  db: Queryable,
  kind: SessionStore,
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
