import { and, type Column, desc, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import {
  type AuthEventKind,
  type AuthEventOutcome,
  authEventKindEnum,
  authEvents,
  users,
} from "@/lib/db/schema";
import { approximateAddress } from "@/lib/http/approximate-address";
import { describeUserAgent } from "@/lib/http/user-agent";

// The activity log: what happened to whose authentication, when, from where. It stores ids,
// short codes and the client's own claims (User-Agent, address) only: never a password, a
// session token or a ticket. Writing goes through lib/activity-log/record.ts.

export const AUTH_EVENT_KINDS = authEventKindEnum.enumValues;

/** One event to store. Every field but the kind and the outcome is optional. */
export type NewAuthEvent = {
  kind: AuthEventKind;
  outcome: AuthEventOutcome;
  userId?: string | null;
  sessionId?: string | null;
  actorId?: string | null;
  reason?: string | null;
  detail?: string | null;
  clientAddress?: string | null;
  userAgent?: string | null;
  at?: Date;
};

/** Both come from the client, and codes from the app: each is bounded before it is stored. */
function bounded(value: string | null | undefined, max: number): string | null {
  return value ? value.slice(0, max) : null;
}

function row(event: NewAuthEvent) {
  return {
    kind: event.kind,
    outcome: event.outcome,
    userId: event.userId ?? null,
    sessionId: bounded(event.sessionId, 64),
    actorId: event.actorId ?? null,
    reason: bounded(event.reason, 64),
    detail: bounded(event.detail, 64),
    clientAddress: bounded(event.clientAddress, 64),
    userAgent: bounded(event.userAgent, 512),
    ...(event.at ? { at: event.at } : {}),
  };
}

/** Stores events in one insert. */
export async function insertAuthEvents(
  db: Pick<Database, "insert">,
  events: NewAuthEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await db.insert(authEvents).values(events.map(row));
}

/** A row stands for the repeats that follow its first event within this window. */
export const FOLD_WINDOW_SECONDS = 3_600;

type Writer = Pick<Database, "insert" | "update" | "select">;

/**
 * Folds `event` into the row of the same session's same event in the window (count + 1,
 * last_at, and the latest detail and client), or inserts it. Events of a user's session fold,
 * and so do a user's failures without one (wrong passwords from strangers, whose flood must not
 * bury the owner's list): an admin's actions stay one row each. The key is what
 * the event says (kind, outcome, reason, actor) of whom (user, session); the detail is left out,
 * since it names an instance (a ticket's id) rather than another event. One UPDATE, atomic on
 * any number of instances; two first events at once may both insert, which costs a row, not a
 * count.
 */
async function foldOrInsert(db: Writer, event: NewAuthEvent): Promise<void> {
  const values = row(event);
  const { userId, sessionId } = values;
  if (!userId || !foldable(event)) return insertAuthEvents(db, [event]);
  const time = event.at ? sql`${event.at.toISOString()}::timestamptz` : sql`now()`;
  const same = (column: Column, value: string | null) =>
    value === null ? isNull(column) : eq(column, value);
  const latest = db
    .select({ id: authEvents.id })
    .from(authEvents)
    .where(
      and(
        eq(authEvents.userId, userId),
        same(authEvents.sessionId, sessionId),
        eq(authEvents.kind, values.kind),
        eq(authEvents.outcome, values.outcome),
        same(authEvents.reason, values.reason),
        same(authEvents.actorId, values.actorId),
        sql`${authEvents.at} > ${time} - make_interval(secs => ${FOLD_WINDOW_SECONDS})`,
        sql`${authEvents.at} <= ${time}`,
      ),
    )
    .orderBy(desc(authEvents.at))
    .limit(1);
  const folded = await db
    .update(authEvents)
    .set({
      count: sql`${authEvents.count} + 1`,
      lastAt: sql`${time}`,
      detail: values.detail,
      clientAddress: values.clientAddress,
      userAgent: values.userAgent,
    })
    .where(inArray(authEvents.id, latest))
    .returning({ id: authEvents.id });
  if (folded.length === 0) await insertAuthEvents(db, [event]);
}

/** Whether repeats of the event fold into one row (foldOrInsert). */
function foldable(event: NewAuthEvent): boolean {
  if (!event.userId) return false;
  return Boolean(event.sessionId) || (event.outcome === "failure" && !event.actorId);
}

/** Stores events: the foldable ones folded into their repeats' row, the others in one insert. */
export async function writeAuthEvents(db: Writer, events: NewAuthEvent[]): Promise<void> {
  await insertAuthEvents(
    db,
    events.filter((event) => !foldable(event)),
  );
  // One after the other: two repeats in one batch fold into one row.
  for (const event of events) {
    if (foldable(event)) await foldOrInsert(db, event);
  }
}

/** Deletes the events older than `days` days before `now`; returns how many. */
export async function deleteOldAuthEvents(
  db: Pick<Database, "delete">,
  days: number,
  now = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000);
  const deleted = await db
    .delete(authEvents)
    .where(lt(authEvents.at, before))
    .returning({ id: authEvents.id });
  return deleted.length;
}

/** An event as the pages show it: the address approximated, the User-Agent named. */
export type ActivityEntry = {
  id: string;
  /** The latest occurrence; `count` events since `firstAt` when the row folds repeats. */
  at: Date;
  firstAt: Date;
  count: number;
  kind: AuthEventKind;
  outcome: AuthEventOutcome;
  reason: string | null;
  detail: string | null;
  username: string | null;
  approximateAddress: string | null;
  browser: string;
};

export type ActivityFilter = { userId?: string; username?: string; kind?: AuthEventKind };

/**
 * The latest events, by their latest occurrence, newest first, optionally of one user (by id or
 * username) and one kind.
 */
export async function listAuthEvents(
  db: Pick<Database, "select">,
  filter: ActivityFilter,
  limit: number,
): Promise<ActivityEntry[]> {
  const conditions: SQL[] = [];
  if (filter.userId) conditions.push(eq(authEvents.userId, filter.userId));
  if (filter.username) conditions.push(eq(users.username, filter.username));
  if (filter.kind) conditions.push(eq(authEvents.kind, filter.kind));
  const rows = await db
    .select({ event: authEvents, username: users.username })
    .from(authEvents)
    .leftJoin(users, eq(users.id, authEvents.userId))
    .where(and(...conditions))
    .orderBy(desc(sql`coalesce(${authEvents.lastAt}, ${authEvents.at})`), desc(authEvents.id))
    .limit(limit);
  return rows.map(({ event, username }) => ({
    id: event.id,
    at: event.lastAt ?? event.at,
    firstAt: event.at,
    count: event.count,
    kind: event.kind,
    outcome: event.outcome,
    reason: event.reason,
    detail: event.detail,
    username,
    approximateAddress: approximateAddress(event.clientAddress),
    browser: describeUserAgent(event.userAgent).label,
  }));
}

/** Deleting old events is asked at most once an hour per instance, by a write. */
export const PRUNE_INTERVAL_MS = 3_600_000;

const globalForEvents = globalThis as unknown as { authEventsPrunedAt?: { at: number } };
globalForEvents.authEventsPrunedAt ??= { at: 0 };

/**
 * The recorder: stores `events` (writeAuthEvents), awaited but never failing the action that records
 * them (an error is logged and dropped). Past PRUNE_INTERVAL_MS since this instance last did,
 * it also deletes the events older than `retentionDays`, without waiting for it.
 */
export async function recordAuthEvents(
  db: Pick<Database, "insert" | "update" | "select" | "delete">,
  events: NewAuthEvent[],
  options: { retentionDays: number; now?: number; pruned?: { at: number } },
): Promise<void> {
  const warn = (what: string) => (error: unknown) =>
    console.warn(`Could not ${what}:`, error instanceof Error ? error.message : error);
  try {
    await writeAuthEvents(db, events);
  } catch (error) {
    warn("record an authentication event")(error);
  }
  const pruned = options.pruned ?? globalForEvents.authEventsPrunedAt ?? { at: 0 };
  const now = options.now ?? Date.now();
  if (now - pruned.at < PRUNE_INTERVAL_MS) return;
  pruned.at = now;
  deleteOldAuthEvents(db, options.retentionDays, new Date(now)).catch(
    warn("delete old authentication events"),
  );
}
