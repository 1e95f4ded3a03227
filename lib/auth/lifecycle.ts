import "server-only";
import { endUserSessions, endWebSession } from "@/lib/auth/web-sessions";
import { db } from "@/lib/db";
import { setBanned } from "@/lib/db/queries";
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
