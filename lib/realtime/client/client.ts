import type { RealtimeCapabilities, RealtimeClient } from "@/lib/realtime/client/client-types";
import { createClient } from "@/lib/realtime/client/facade";
import { installTestSeam } from "@/lib/realtime/client/test-seam";

// The client's entry point, in the browser and in Node (the benchmarks, the Node client tests).

export type * from "@/lib/realtime/client/client-types";
export { RealtimeError, SessionEndedError } from "@/lib/realtime/client/errors";

// One pusher-js instance per tab: the slot on globalThis survives React StrictMode's double
// effects and fast refresh, which re-evaluates this module. In Node every call gets its own.
const globalForRealtime = globalThis as unknown as {
  realtime?: { key: string; client: RealtimeClient };
};

export function createRealtimeClient(options: {
  appKey: string;
  capabilities: RealtimeCapabilities;
}): RealtimeClient {
  if (typeof window === "undefined") return createClient(options.appKey, options.capabilities);
  const existing = globalForRealtime.realtime;
  if (existing?.key === options.appKey) return existing.client;
  const client = createClient(options.appKey, options.capabilities);
  globalForRealtime.realtime = { key: options.appKey, client };
  // Off unless the server rendered the switch (a test run): test-seam.ts.
  installTestSeam(client);
  return client;
}
