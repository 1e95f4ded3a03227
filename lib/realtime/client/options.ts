import type { ChannelAuthorizationCallback, Options, UserAuthenticationCallback } from "pusher-js";
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

/** The custom handlers that pusher-js's user authentication and channel authorization call. */
export type AuthHandlers = {
  authenticate(socketId: string, callback: UserAuthenticationCallback): void;
  authorize(socketId: string, channelName: string, callback: ChannelAuthorizationCallback): void;
};

/** The client's pusher-js options: the connection's, with its own auth handlers and `nacl`. */
export function pusherOptions(
  config: PublicRealtimeConfig,
  url: (path: string) => string,
  nacl: Options["nacl"],
  handlers: AuthHandlers,
): Options {
  return {
    ...connectionOptions(config),
    // Decrypts private-encrypted-* channels with the shared secret that channel auth returns.
    nacl,
    userAuthentication: {
      endpoint: url("/api/pusher/user-auth"),
      transport: "ajax",
      customHandler: ({ socketId }, callback) => handlers.authenticate(socketId, callback),
    },
    channelAuthorization: {
      endpoint: url("/api/pusher/auth"),
      transport: "ajax",
      customHandler: ({ socketId, channelName }, callback) =>
        handlers.authorize(socketId, channelName, callback),
    },
  };
}
