import "server-only";
import type { NewAuthEvent } from "@/lib/activity-log/events";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { db } from "@/lib/db";
import { setBanned, setRole } from "@/lib/db/queries";
import { env } from "@/lib/env";
import { disconnectUser } from "@/lib/realtime/server/disconnect";
import type { EndReason } from "@/lib/realtime/session-ended";
import {
  advanceChannelEpoch,
  type EndedSession,
  type EndScope,
  endSessions,
  type Queryable,
} from "@/lib/sessions/end";
import { announceUserChange } from "@/lib/sessions/user-cache";
import type { SessionEndReason } from "@/lib/vocabulary/end-reason";
import type { Role } from "@/lib/vocabulary/roles";

// Everything that ends sessions or changes a user's rights, in the order that leaves no gap: end
// them in the database (lib/sessions/end.ts, the one writer), drop the user from every instance's
// cache, record it, then tell the user's tabs why and close their connections.

/** What a tab is told for each reason (lib/realtime/session-ended.ts names the notices). */
const NOTICES: Record<SessionEndReason, EndReason> = {
  signed_out: "signed_out",
  signed_out_everywhere: "signed_out_everywhere",
  banned: "user_banned",
  signed_out_remotely: "signed_out_remotely",
  session_limit: "session_limit",
  session_expired: "session_expired",
  session_reused: "session_reused",
  service_auth_disabled: "service_auth_disabled",
  password_reset: "signed_out_everywhere",
  password_changed: "password_changed",
};

/** One `session_revoked` event per session that ended, with why. */
function revoked(ended: EndedSession[], reason: SessionEndReason): NewAuthEvent[] {
  return ended.map(({ id, userId }) => ({
    kind: "session_revoked" as const,
    outcome: "success" as const,
    userId,
    sessionId: id,
    reason,
  }));
}

/** The ended sessions' ids by user; `also`: a user to tell even if none of theirs ended. */
function byUser(ended: EndedSession[], also?: string): Map<string, string[]> {
  const users = new Map<string, string[]>(also ? [[also, []]] : []);
  for (const { id, userId } of ended) users.set(userId, [...(users.get(userId) ?? []), id]);
  return users;
}

/** Tells each user's tabs which of their sessions ended, and closes the user's connections. */
async function closeConnections(
  users: Map<string, string[]>,
  reason: SessionEndReason,
  everySession = false,
): Promise<void> {
  await Promise.all(
    [...users].map(async ([userId, sessions]) => {
      await announceUserChange(userId);
      await disconnectUser(userId, {
        reason: NOTICES[reason],
        sessions: everySession ? null : sessions,
      });
    }),
  );
}

/**
 * The one path of an end (lifecycle's own ends, and lib/sessions/account-ends.ts's): the database (`scope` may be read in the same transaction), the
 * events (`events` builds them from what ended), then the connections. Nothing ended means
 * nothing to tell, but for every session of a user (a ban, sign out everywhere): a replayed
 * cookie must not be a way to close someone's connections.
 */
export async function end(
  scope: EndScope | ((tx: Queryable) => Promise<EndScope>),
  reason: SessionEndReason,
  events: (ended: EndedSession[]) => NewAuthEvent[] = (ended) => revoked(ended, reason),
): Promise<EndedSession[]> {
  const { ended, everyOf } = await db().transaction(async (tx) => {
    const resolved = typeof scope === "function" ? await scope(tx) : scope;
    const everyOf = "all" in resolved ? resolved.userId : undefined;
    return { ended: await endSessions(tx, resolved, reason), everyOf };
  });
  if (ended.length === 0 && !everyOf) return ended;
  await recordAuthEvent(...events(ended));
  await closeConnections(byUser(ended, everyOf), reason, Boolean(everyOf));
  return ended;
}

/** Sign-out: this web session, and the realtime sessions that its tickets started. */
export async function signOutSession(userId: string, sessionId: string): Promise<void> {
  await end({ userId, ids: [sessionId] }, "signed_out", () => [
    { kind: "sign_out", outcome: "success", userId, sessionId },
  ]);
}

/** "Sign out everywhere": every web and realtime session of the user, and every ticket issued. */
export async function signOutEverywhere(userId: string): Promise<void> {
  await end({ userId, all: true }, "signed_out_everywhere", () => [
    {
      kind: "session_revoked",
      outcome: "success",
      userId,
      reason: "signed_out_everywhere",
      detail: "all",
    },
  ]);
}

/** `by`: the admin who acted, for the activity log. */
export async function banUser(userId: string, by?: string): Promise<void> {
  // The ban and the end of every session hold together, in one transaction.
  const banned = async (tx: Queryable) => {
    await setBanned(tx, userId, true);
    return { userId, all: true as const };
  };
  await end(banned, "banned", () => [{ kind: "ban", outcome: "success", userId, actorId: by }]);
}

/** Lifts the ban; the sessions it ended stay ended, so the user signs in again. */
export async function unbanUser(userId: string, by?: string): Promise<void> {
  await setBanned(db(), userId, false);
  await recordAuthEvent({ kind: "unban", outcome: "success", userId, actorId: by });
  await announceUserChange(userId);
}

/** An administrator closes the user's connections; their sessions live on, and they may reconnect. */
export async function disconnectConnections(userId: string): Promise<void> {
  await disconnectUser(userId, { reason: "disconnected", sessions: null });
}

/**
 * A new role applies to live connections within a second or so. It ends no session, but the
 * user's channel epoch moves on (their access may have shrunk), every instance forgets the user,
 * and their connections are closed with a notice that names no session: every tab signs in again
 * by itself, and channel auth asks the policy again with the new role.
 */
export async function changeRole(userId: string, role: Role, by?: string): Promise<void> {
  await db().transaction(async (tx) => {
    await setRole(tx, userId, role);
    await advanceChannelEpoch(tx, userId);
  });
  await recordAuthEvent({
    kind: "role_changed",
    outcome: "success",
    userId,
    actorId: by,
    detail: role,
  });
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "rights_changed", sessions: [] });
}

/** The sessions a new sign-in displaced past MAX_SESSIONS_PER_USER (ended in its transaction). */
export async function endDisplacedSessions(userId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await recordAuthEvent(
    ...ids.map((id) => ({
      kind: "session_revoked" as const,
      outcome: "success" as const,
      userId,
      sessionId: id,
      reason: "session_limit",
    })),
  );
  await closeConnections(new Map([[userId, ids]]), "session_limit");
}

/**
 * A realtime token that was rotated out came back after its grace: two parties hold the session,
 * and which one is its owner cannot be told. The session ends, and every socket it signed in.
 */
export async function endReusedSession(
  userId: string,
  sessionId: string,
  detail: string,
): Promise<void> {
  await end({ userId, ids: [sessionId] }, "session_reused", () => [
    { kind: "session_reused", outcome: "failure", userId, sessionId, detail },
  ]);
}

/** Every session past a deadline (lib/sessions/expiry.ts): ended once, recorded, sockets closed. */
export async function endExpiredSessions(now = new Date()): Promise<number> {
  const scope = { expired: true as const, idleSeconds: env().REALTIME_SESSION_IDLE_SECONDS };
  const ended = await db().transaction((tx) => endSessions(tx, scope, "session_expired", now));
  if (ended.length === 0) return 0;
  await recordAuthEvent(
    ...ended.map(({ id, userId }) => ({
      kind: "session_expired" as const,
      outcome: "success" as const,
      userId,
      sessionId: id,
      // The sweeper acts on no request: no client to name.
      clientAddress: null,
      userAgent: null,
    })),
  );
  await closeConnections(byUser(ended), "session_expired");
  return ended.length;
}

/** The service flow switched off: every session it started ends. */
export async function endServiceSessions(): Promise<void> {
  await end({ flow: "service" }, "service_auth_disabled");
}
