import Pusher from "pusher-js";
import type { PublicRealtimeConfig } from "@/lib/env-schema";
import { connectionOptions } from "@/lib/realtime/options";

export type ConnectionState =
  | "initialized"
  | "connecting"
  | "connected"
  | "unavailable"
  | "failed"
  | "disconnected";

export type RealtimeClient = {
  readonly state: ConnectionState;
  connect(): void;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
};

type Slot = { key: string; client: RealtimeClient };

// One pusher-js instance per tab: the slot on globalThis survives React StrictMode's double
// effects and fast refresh, which re-evaluates this module.
const globalForRealtime = globalThis as unknown as { realtime?: Slot };

export function createRealtimeClient(options: {
  appKey: string;
  capabilities: Omit<PublicRealtimeConfig, "key">;
}): RealtimeClient {
  const existing = globalForRealtime.realtime;
  if (existing?.key === options.appKey) return existing.client;

  let pusher: Pusher | undefined;
  let state: ConnectionState = "initialized";
  const listeners = new Set<(state: ConnectionState) => void>();

  const client: RealtimeClient = {
    get state() {
      return state;
    },
    connect() {
      if (pusher) return pusher.connect();
      pusher = new Pusher(
        options.appKey,
        connectionOptions({ key: options.appKey, ...options.capabilities }),
      );
      pusher.connection.bind("state_change", ({ current }: { current: ConnectionState }) => {
        state = current;
        for (const listener of listeners) listener(current);
      });
    },
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  globalForRealtime.realtime = { key: options.appKey, client };
  return client;
}
