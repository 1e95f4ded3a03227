import "server-only";
import { eq } from "drizzle-orm";
import { endSessions, liveSessions } from "@/lib/auth/devices";
import { recordAuthEvent } from "@/lib/auth/record-event";
import { endUserSessions, endWebSession } from "@/lib/auth/web-sessions";
import { db } from "@/lib/db";
import { setBanned, setRole } from "@/lib/db/queries";
import { type Role, users } from "@/lib/db/schema";
import { disconnectUser } from "@/lib/realtime/server/disconnect";
import { endRealtimeSession } from "@/lib/realtime/server/realtime-sessions";
import { announceUserChange } from "@/lib/realtime/server/user-cache";

// Everything that ends sessions, in the order that leaves no gap: end them in the database, drop
// them from every instance's cache, then tell the user's tabs why and close their connections.
// Each is recorded in the activity log (lib/auth/record-event.ts) once the database says it
// happened.

/** One `session_revoked` event per session that ended, with why. */
function revoked(userId: string, sessions: string[], reason: string) {
  return sessions.map((sessionId) => ({
    kind: "session_revoked" as const,
    outcome: "success" as const,
    userId,
    sessionId,
    reason,
  }));
}

/** Sign-out: this web session, and the realtime sessions that its tickets started. */
export async function signOutSession(userId: string, sessionId: string): Promise<void> {
  const ended = await endWebSession(db(), sessionId, "signed_out");
  // Nothing was live: a replayed cookie must not be a way to close someone's connections.
  if (ended.length === 0) return;
  await recordAuthEvent({ kind: "sign_out", outcome: "success", userId, sessionId });
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "signed_out", sessions: ended });
}

/** "Sign out everywhere": every web and realtime session of the user, and every ticket issued. */
export async function signOutEverywhere(userId: string): Promise<void> {
  await endUserSessions(db(), userId, "signed_out_everywhere");
  await recordAuthEvent({
    kind: "session_revoked",
    outcome: "success",
    userId,
    reason: "signed_out_everywhere",
    detail: "all",
  });
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "signed_out_everywhere", sessions: null });
}

/** `by`: the admin who acted, for the activity log. */
export async function banUser(userId: string, by?: string): Promise<void> {
  await setBanned(db(), userId, true);
  await endUserSessions(db(), userId, "banned");
  await recordAuthEvent({ kind: "ban", outcome: "success", userId, actorId: by });
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "user_banned", sessions: null });
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
 * A new role applies to live connections within a second or so: every instance forgets the user,
 * and their connections are closed with a notice that ends no session. Every tab signs in again
 * by itself and pusher-js subscribes its channels again, each through channel auth, which asks
 * the policy with the new role: a channel the user may no longer join is refused; the others come
 * back, and the chat fetches what it missed while they were away.
 */
export async function changeRole(userId: string, role: Role, by?: string): Promise<void> {
  await setRole(db(), userId, role);
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

/**
 * A device signed out from another: its session ends (and the ticket sessions it started), so
 * what it holds never signs in again. The protocol terminates per user: the user's other devices
 * are told it was not them, and sign in again by themselves.
 */
export async function signOutDevice(
  userId: string,
  currentSessionId: string,
  deviceId: string,
): Promise<"signed_out" | "not_found" | "current_device"> {
  if (deviceId === currentSessionId) return "current_device";
  const live = await liveSessions(db(), userId);
  if (!live.some((session) => session.id === deviceId)) return "not_found";
  const ended = await endSessions(db(), userId, [deviceId], "signed_out_remotely");
  // A sign-out that raced this one ended it first, and told its tabs.
  if (ended.length === 0) return "not_found";
  await recordAuthEvent(...revoked(userId, ended, "signed_out_remotely"));
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "signed_out_remotely", sessions: ended });
  return "signed_out";
}

/**
 * Every device but the caller's: their sessions end, and so does every ticket issued before now
 * that no session was started from yet (a ticket of this device's included). Returns how many
 * devices were signed out.
 */
export async function signOutOtherDevices(
  userId: string,
  currentSessionId: string,
): Promise<number> {
  const ended = await db().transaction(async (tx) => {
    const others = (await liveSessions(tx, userId))
      .map((session) => session.id)
      .filter((id) => id !== currentSessionId);
    await tx.update(users).set({ realtimeRevokedAt: new Date() }).where(eq(users.id, userId));
    return endSessions(tx, userId, others, "signed_out_remotely");
  });
  await recordAuthEvent(...revoked(userId, ended, "signed_out_remotely"));
  await announceUserChange(userId);
  if (ended.length > 0) {
    await disconnectUser(userId, { reason: "signed_out_remotely", sessions: ended });
  }
  return ended.length;
}

/** The sessions a new sign-in displaced past MAX_SESSIONS_PER_USER: their tabs are told why. */
export async function endDisplacedSessions(userId: string, ended: string[]): Promise<void> {
  if (ended.length === 0) return;
  await recordAuthEvent(...revoked(userId, ended, "session_limit"));
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "session_limit", sessions: ended });
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
  // A replay that raced another ended it already, and told its tabs.
  if (!(await endRealtimeSession(db(), sessionId, "session_reused"))) return;
  await recordAuthEvent({
    kind: "session_reused",
    outcome: "failure",
    userId,
    sessionId,
    detail,
  });
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "session_reused", sessions: [sessionId] });
}

/** Sessions the sweeper found expired (lib/auth/expiry.ts): recorded, then their sockets closed. */
export async function endExpiredSessions(userId: string, ended: string[]): Promise<void> {
  if (ended.length === 0) return;
  await recordAuthEvent(
    ...ended.map((sessionId) => ({
      kind: "session_expired" as const,
      outcome: "success" as const,
      userId,
      sessionId,
      // The sweeper acts on no request: no client to name.
      clientAddress: null,
      userAgent: null,
    })),
  );
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "session_expired", sessions: ended });
}
