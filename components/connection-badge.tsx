"use client";

import { useRealtime } from "@/components/realtime-provider";
import type { ConnectionState } from "@/lib/realtime/client/client";

const LOOK: Record<ConnectionState, { label: string; dot: string }> = {
  initialized: { label: "connecting", dot: "bg-amber-500" },
  connecting: { label: "connecting", dot: "bg-amber-500" },
  connected: { label: "connected", dot: "bg-emerald-500" },
  unavailable: { label: "unavailable", dot: "bg-red-600" },
  failed: { label: "unavailable", dot: "bg-red-600" },
  disconnected: { label: "disconnected", dot: "bg-zinc-400" },
};

export function ConnectionBadge() {
  const { state, user, error } = useRealtime();
  // "connected" means signed in: an open socket that the server has not signed in is not.
  const look =
    state === "connected" && !user
      ? error
        ? { label: "not signed in", dot: "bg-red-600" }
        : { label: "signing in", dot: "bg-amber-500" }
      : LOOK[state];
  return (
    <span
      data-testid="connection-badge"
      data-state={look.label}
      data-signed-in={user ? "true" : "false"}
      role="status"
      className="inline-flex items-center gap-2 rounded-full border border-zinc-300 px-3 py-1 text-xs font-medium dark:border-zinc-700"
    >
      <span aria-hidden className={`size-2 rounded-full ${look.dot}`} />
      Realtime: {look.label}
      {user ? " · signed in" : ""}
    </span>
  );
}
