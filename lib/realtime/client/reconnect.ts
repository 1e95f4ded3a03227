import type Pusher from "pusher-js";

export type Backoff = { firstMs: number; maxMs: number };

// After a refused connection pusher-js waits out its transport timeout (15 s, doubling up to 60 s)
// before it tries again, so clients come back long after a restarted realtime server does.
const DEFAULT_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 5_000 };

/**
 * Restarts a connection attempt that has not connected within a back-off of our own: doubling
 * from `firstMs` to `maxMs`, each wait drawn between half and all of it so that thousands of
 * clients do not return in step. A disconnect the app asked for, or a refusal (4000–4099), is
 * left alone.
 */
export function retryStalledConnections(pusher: Pusher, backoff: Backoff = DEFAULT_BACKOFF): void {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let restarting = false;

  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const restart = () => {
    timer = undefined;
    attempt++;
    restarting = true;
    pusher.disconnect();
    restarting = false;
    pusher.connect();
  };
  const onStateChange = ({ current }: { current: string }) => {
    if (restarting) return;
    if (current === "connected") attempt = 0;
    if (current !== "connecting" && current !== "unavailable") return cancel();
    if (timer) return;
    const ceiling = Math.min(backoff.maxMs, backoff.firstMs * 2 ** attempt);
    timer = setTimeout(restart, ceiling / 2 + (Math.random() * ceiling) / 2);
  };

  pusher.connection.bind("state_change", onStateChange);
  // The constructor may already have started connecting.
  onStateChange({ current: pusher.connection.state });
}
