"use client";

import { useRealtime } from "@/components/realtime-provider";

/** Says why the realtime connection is down, and offers to reconnect. */
export function RealtimeNotice() {
  const { error, client, state } = useRealtime();
  if (!error || !client) return null;
  const disconnected = error.kind === "refused" || state === "disconnected";
  return (
    <div
      role="alert"
      data-testid="realtime-notice"
      data-code={error.code}
      className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <span>
        {disconnected ? "Disconnected: " : "Realtime sign-in failed: "}
        {error.message}
      </span>
      <button
        type="button"
        onClick={() => client.reconnect().catch(() => {})}
        className="rounded-md border border-amber-400 px-2 py-1 font-medium hover:bg-amber-100 dark:border-amber-700 dark:hover:bg-amber-900"
      >
        Reconnect
      </button>
    </div>
  );
}
