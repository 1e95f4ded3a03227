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
    // WebSocket only: soketi speaks nothing else. "ws" follows forceTLS; "wss" is pusher-js's
    // second try over TLS when a plain socket is slow to open, which a plain server cannot answer
    // and the Content Security Policy (connect-src names the one scheme) blocks.
    enabledTransports: ["ws"],
    disableStats: true,
  };
}
