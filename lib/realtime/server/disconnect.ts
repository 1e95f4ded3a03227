import "server-only";
import { pusher } from "@/lib/realtime/server/pusher";
import { SESSION_ENDED_EVENT, type SessionEnded } from "@/lib/realtime/session-ended";

// Ending a session must neither hang on nor fail with the realtime server: the session is ended
// in the database first, and a realtime server that is down has no connection left to close.
const TIMEOUT_MS = 2_000;

/**
 * Tells the user's tabs why, then closes every connection of the user. The protocol terminates
 * per user, never per session: the tabs whose session did not end sign in again by themselves.
 */
export async function disconnectUser(userId: string, notice: SessionEnded): Promise<void> {
  const steps = (async () => {
    await pusher().sendToUser(userId, SESSION_ENDED_EVENT, notice);
    await pusher().terminateUserConnections(userId);
  })();
  steps.catch(() => {}); // Reported below; a late failure after the timeout is not news.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([steps, timeout]);
  } catch (error) {
    console.warn(
      `Could not close the realtime connections of user ${userId}:`,
      error instanceof Error ? error.message : error,
    );
  } finally {
    clearTimeout(timer);
  }
}
