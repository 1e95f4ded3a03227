import type { RealtimeUser } from "@/lib/realtime/client/client-types";
import { RealtimeError } from "@/lib/realtime/client/errors";

type Pending = {
  resolve: (user: RealtimeUser) => void;
  reject: (error: RealtimeError) => void;
  timer: ReturnType<typeof setTimeout>;
};

/** The promise that start() hands out, settled by the sign-in's verdict or a timeout. */
export function createSignInPromise(timeoutMs: number, timedOut: (error: RealtimeError) => void) {
  let pending: Pending | undefined;
  // Kept for a retry on a new socket, which settles the promise already handed out.
  let promise: Promise<RealtimeUser> | undefined;

  function settle(outcome: RealtimeUser | RealtimeError) {
    if (!pending) return;
    clearTimeout(pending.timer);
    if (outcome instanceof RealtimeError) pending.reject(outcome);
    else pending.resolve(outcome);
    pending = undefined;
  }

  return {
    settle,
    /** The promise whose verdict is still to come, if any. */
    underway: () => (pending ? promise : undefined),
    begin(): Promise<RealtimeUser> {
      settle(new RealtimeError("signin", "superseded", "A newer sign-in replaced this one."));
      promise = new Promise<RealtimeUser>((resolve, reject) => {
        const timeout = () =>
          timedOut(
            new RealtimeError("timeout", "timeout", `No sign-in verdict within ${timeoutMs} ms.`),
          );
        pending = { resolve, reject, timer: setTimeout(timeout, timeoutMs) };
      });
      return promise;
    },
  };
}
