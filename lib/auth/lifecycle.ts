import "server-only";
import { endUserSessions, endWebSession } from "@/lib/auth/web-sessions";
import { db } from "@/lib/db";
import { setBanned, setRole } from "@/lib/db/queries";
import type { Role } from "@/lib/db/schema";
import { disconnectUser } from "@/lib/realtime/server/disconnect";
import { announceUserChange } from "@/lib/realtime/server/user-cache";

// Everything that ends sessions, in the order that leaves no gap: end them in the database, drop
// them from every instance's cache, then tell the user's tabs why and close their connections.

/** Sign-out: this web session, and the realtime sessions that its tickets started. */
export async function signOutSession(userId: string, sessionId: string): Promise<void> {
  const ended = await endWebSession(db(), sessionId, "signed_out");
  // Nothing was live: a replayed cookie must not be a way to close someone's connections.
  if (ended.length === 0) return;
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "signed_out", sessions: ended });
}

/** "Sign out everywhere": every web and realtime session of the user, and every ticket issued. */
export async function signOutEverywhere(userId: string): Promise<void> {
  await endUserSessions(db(), userId, "signed_out_everywhere");
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "signed_out_everywhere", sessions: null });
}

export async function banUser(userId: string): Promise<void> {
  await setBanned(db(), userId, true);
  await endUserSessions(db(), userId, "banned");
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "user_banned", sessions: null });
}

/** Lifts the ban; the sessions it ended stay ended, so the user signs in again. */
export async function unbanUser(userId: string): Promise<void> {
  await setBanned(db(), userId, false);
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
export async function changeRole(userId: string, role: Role): Promise<void> {
  await setRole(db(), userId, role);
  await announceUserChange(userId);
  await disconnectUser(userId, { reason: "rights_changed", sessions: [] });
}
