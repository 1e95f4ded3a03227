import "server-only";
import { env } from "@/lib/env";
import { endExpiredSessions } from "@/lib/sessions/lifecycle";

// A session that expires while its socket is open must not stay signed in until the next
// reconnect: every instance looks for expired sessions every SESSION_SWEEP_SECONDS, ends them
// (each once, whichever instance finds it first), and closes their sockets with a notice.

const globalForSweeper = globalThis as unknown as {
  sessionSweeper?: ReturnType<typeof setInterval>;
};

/** Ends the sessions past their deadlines and closes their connections; returns how many. */
export function sweepExpiredSessions(now = new Date()): Promise<number> {
  return endExpiredSessions(now);
}

/** Starts the sweep on this instance, once. */
export function startExpirySweeper(): void {
  if (globalForSweeper.sessionSweeper) return;
  let running = false;
  const sweep = async () => {
    if (running) return; // A slow database: the next tick waits for this one.
    running = true;
    try {
      await sweepExpiredSessions();
    } catch (error) {
      console.warn(
        "Could not end expired sessions:",
        error instanceof Error ? error.message : error,
      );
    } finally {
      running = false;
    }
  };
  globalForSweeper.sessionSweeper = setInterval(
    () => void sweep(),
    env().SESSION_SWEEP_SECONDS * 1000,
  );
  globalForSweeper.sessionSweeper.unref();
}
