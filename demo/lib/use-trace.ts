"use client";

import { useSyncExternalStore } from "react";
import { type TraceEntry, traceOf } from "@/demo/lib/trace";
import type { RealtimeClient } from "@/lib/realtime/client/client-types";

const EMPTY: TraceEntry[] = [];
const noSubscription = () => () => {};

/** The auth steps `client` went through, from before this component mounted on. */
export function useTrace(client: RealtimeClient | null): TraceEntry[] {
  const trace = client ? traceOf(client) : null;
  return useSyncExternalStore(
    trace?.subscribe ?? noSubscription,
    () => trace?.entries() ?? EMPTY,
    () => EMPTY,
  );
}
