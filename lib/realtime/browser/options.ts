import type { Options } from "pusher-js";
import type { PublicRealtimeConfig } from "@/lib/env-schema";

/** pusher-js options for hosted Pusher Channels (cluster) or a self-hosted server (host and port). */
export function connectionOptions(config: PublicRealtimeConfig): Options {
  const server = config.host
    ? { wsHost: config.host, wsPort: config.port, wssPort: config.port }
    : {};
  return {
    cluster: config.cluster,
    forceTLS: config.useTLS,
    ...server,
    // WebSocket only: soketi speaks nothing else, and no fallback transport is ever needed.
    enabledTransports: ["ws", "wss"],
    disableStats: true,
  };
}
