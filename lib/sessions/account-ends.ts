import "server-only";
import { setPasswordHash } from "@/lib/db/queries";
import { env } from "@/lib/env";
import type { Queryable } from "@/lib/sessions/end";
import { end } from "@/lib/sessions/lifecycle";
import { liveSessions } from "@/lib/sessions/limit";
import type { SessionEndReason } from "@/lib/vocabulary/end-reason";

// The ends a user asks for from their own account: one device, every other device, and a new
// password. Each goes through lifecycle's one end (the database, the log, then the sockets).

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
  // A sign-out that raced this one ended it first, and told its tabs.
  const ended = await end({ userId, ids: [deviceId] }, "signed_out_remotely");
  return ended.length > 0 ? "signed_out" : "not_found";
}

/**
 * Every session of the user but `currentSessionId` (and, with `keepItsTickets`, the ticket
 * sessions it started) ends, and so does every ticket issued before now that no session was
 * started from yet (a ticket of this device's included). `first` runs in the same transaction.
 * Returns how many sessions ended.
 */
async function endOtherSessions(
  userId: string,
  currentSessionId: string,
  reason: SessionEndReason,
  options: { keepItsTickets?: boolean; first?: (tx: Queryable) => Promise<void> } = {},
): Promise<number> {
  const limits = { idleSeconds: env().REALTIME_SESSION_IDLE_SECONDS };
  const kept = (session: { id: string; webSessionId: string | null }) =>
    session.id === currentSessionId ||
    (options.keepItsTickets === true && session.webSessionId === currentSessionId);
  const ended = await end(async (tx) => {
    await options.first?.(tx);
    const others = (await liveSessions(tx, userId, limits)).filter((session) => !kept(session));
    return { userId, ids: others.map((session) => session.id), refuseTickets: true };
  }, reason);
  return ended.length;
}

/** "Sign out all other devices": every device but the caller's. */
export function signOutOtherDevices(userId: string, currentSessionId: string): Promise<number> {
  return endOtherSessions(userId, currentSessionId, "signed_out_remotely");
}

/**
 * A new password, and, in the same transaction, the end of every other session of the user
 * (reason "password_changed"): this device's web session and its ticket sessions live on.
 */
export function changePassword(
  userId: string,
  currentSessionId: string,
  passwordHash: string,
): Promise<number> {
  return endOtherSessions(userId, currentSessionId, "password_changed", {
    keepItsTickets: true,
    first: (tx) => setPasswordHash(tx, userId, passwordHash),
  });
}
