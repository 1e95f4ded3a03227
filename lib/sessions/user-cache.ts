import "server-only";
import { sql } from "drizzle-orm";
import { db, listen } from "@/lib/db";
import { findUserById, watchlistFor } from "@/lib/db/queries";
import type { User, WebSession } from "@/lib/db/schema";
import { findSession, type RealtimeSession } from "@/lib/sessions/realtime";
import { findWebSession } from "@/lib/sessions/web";

// The gate checks the user and their session on every request. A cache answers most of those
// checks, and stays revocation-aware: a ban, an unban or a sign-out is announced on a PostgreSQL
// channel and every app instance drops that user at once. The TTL bounds staleness should a
// notice be lost.

const CHANNEL = "realtime_user_changed";
const USER_TTL_MS = 10_000;
const LIST_TTL_MS = 60_000;

type Entry<T> = { value: T; expires: number };
type Session = RealtimeSession | undefined;
type Caches = {
  users: Map<string, Entry<User | undefined>>;
  sessions: Map<string, Entry<Session>>;
  webSessions: Map<string, Entry<WebSession | undefined>>;
  watchlists: Map<string, Entry<string[]>>;
  listening?: Promise<void>;
};

// On globalThis: Next.js may load this module once per bundle, and they must share one cache.
const globalForCache = globalThis as unknown as { realtimeCaches?: Caches };
globalForCache.realtimeCaches ??= {
  users: new Map(),
  sessions: new Map(),
  webSessions: new Map(),
  watchlists: new Map(),
};
const caches: Caches = globalForCache.realtimeCaches;

async function cached<T>(
  map: Map<string, Entry<T>>,
  key: string,
  ttl: number,
  load: () => Promise<T>,
): Promise<T> {
  const hit = map.get(key);
  if (hit && hit.expires > Date.now()) return hit.value;
  const value = await load();
  map.set(key, { value, expires: Date.now() + ttl });
  return value;
}

/** Drops what this instance remembers of a user: the row, the web and realtime sessions. */
function forget(userId: string) {
  caches.users.delete(userId);
  for (const [id, entry] of caches.sessions) {
    if (entry.value?.userId === userId) caches.sessions.delete(id);
  }
  for (const [id, entry] of caches.webSessions) {
    if (entry.value?.userId === userId) caches.webSessions.delete(id);
  }
}

/** Subscribes this instance to the change notices; called once at start-up. */
export function listenForUserChanges(): Promise<void> {
  caches.listening ??= listen(CHANNEL, forget);
  return caches.listening;
}

export function cachedUser(userId: string): Promise<User | undefined> {
  return cached(caches.users, userId, USER_TTL_MS, () => findUserById(db(), userId));
}

/**
 * A realtime session by id, as read at most `maxStaleMs` ago. Another instance may have rotated
 * it since: the caller passes the grace, within which the token rotated out is still accepted.
 */
export async function cachedSession(id: string, maxStaleMs: number): Promise<Session> {
  const hit = caches.sessions.get(id);
  if (hit && hit.expires > Date.now() && hit.expires - USER_TTL_MS + maxStaleMs > Date.now())
    return hit.value;
  return freshSession(id);
}

/** Reads a realtime session from the database and remembers that. */
export async function freshSession(id: string): Promise<Session> {
  const session = await findSession(db(), id);
  rememberSession(id, session);
  return session;
}

/** Remembers a realtime session as this instance just read or changed it. */
export function rememberSession(id: string, session: Session): void {
  caches.sessions.set(id, { value: session, expires: Date.now() + USER_TTL_MS });
}

/** A web session record by id. Its expiry is checked by the caller against the clock. */
export function cachedWebSession(id: string): Promise<WebSession | undefined> {
  return cached(caches.webSessions, id, USER_TTL_MS, () => findWebSession(db(), id));
}

/** Updates what this instance remembers of a web session it changed itself. */
export function rememberWebSession(session: WebSession): void {
  caches.webSessions.set(session.id, { value: session, expires: Date.now() + USER_TTL_MS });
}

export function cachedWatchlist(userId: string): Promise<string[]> {
  return cached(caches.watchlists, userId, LIST_TTL_MS, () => watchlistFor(db(), userId));
}

/** Drops the user here and tells every other instance to do the same. */
export async function announceUserChange(userId: string): Promise<void> {
  forget(userId);
  await db().execute(sql`select pg_notify(${CHANNEL}, ${userId})`);
}
