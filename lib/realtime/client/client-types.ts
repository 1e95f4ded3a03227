import type { Channel } from "pusher-js";
import type { PublicRealtimeConfig } from "@/lib/env-schema";
import type { Nacl } from "@/lib/realtime/client/encryption";
import type { RealtimeError } from "@/lib/realtime/client/errors";
import type { Backoff } from "@/lib/realtime/client/reconnect";

export type ConnectionState =
  | "initialized"
  | "connecting"
  | "connected"
  | "unavailable"
  | "failed"
  | "disconnected";

export type RealtimeUser = {
  id: string;
  /** `channel_epoch`: names the channels of the user's private messages (it changes at each end). */
  user_info?: { name?: string; username?: string; channel_epoch?: number };
};

/** Authentication by the service: credentials go to the service, not through the app's session. */
export type Credentials = { username: string; password: string };

export type RealtimeSnapshot = {
  state: ConnectionState;
  user: RealtimeUser | null;
  error: RealtimeError | null;
};

export type RealtimeCapabilities = Omit<PublicRealtimeConfig, "key"> & {
  /** Where the app's auth endpoints live: "" in the browser, the app's origin in Node. */
  baseUrl?: string;
  /** How long start() waits for a verdict. Default 10 s. */
  timeoutMs?: number;
  /** The back-off between connection attempts while the realtime server is unreachable. */
  retry?: Backoff;
};

/** A ticket: exchanged once, by start(ticket), for a signed-in socket. */
export type Ticket = { userTicket: string; expiresAt: string };

/** One HTTP call the client made to the app. `path` has no query; bodies are never kept. */
export type HttpCall = { method: string; path: string; status: number; ms: number };

/** Which exchange an HTTP call belonged to. */
export type HttpStep = "ticket" | "credentials" | "user-auth" | "channel-auth" | "rotate";

/**
 * What the client went through, as observe() reports it. `at` is an ISO time. The fields are what
 * was signed or received; never the session token, a ticket, credentials or a channel's secret.
 */
export type RealtimeObservation =
  /** An HTTP call to the app, answered (`status`) or not (`status` 0). */
  | { at: string; type: "http"; step: HttpStep; call: HttpCall }
  /** The socket is open and has a socket id. */
  | { at: string; type: "connected"; socketId: string }
  /** /api/pusher/user-auth's answer: `auth` signs `${socketId}::user::${user_data}`. */
  | { at: string; type: "user-auth"; socketId: string; auth: string; user_data: string }
  /** The realtime server's pusher:signin_success. */
  | { at: string; type: "signed-in"; user: RealtimeUser }
  /** A sign-in that failed, for whatever reason `error` gives. */
  | { at: string; type: "signin-failed"; error: RealtimeError }
  /** A channel authorization: `auth` signs `${socketId}:${channel}` (then `:${channel_data}`). */
  | {
      at: string;
      type: "channel-authorized";
      channel: string;
      socketId: string;
      auth: string;
      channel_data?: string;
    }
  /** A channel authorization that was refused or could not be made. */
  | { at: string; type: "channel-refused"; channel: string; error: RealtimeError }
  /** An event received (not the protocol's own pusher… events), as it arrived. */
  | { at: string; type: "event"; event: string; channel?: string; data: unknown }
  /** Another session of this user ended, which closed this socket too: signing in again. */
  | { at: string; type: "signing-in-again" };

/**
 * A realtime session to resume with start(session), from getSession(): its bearer token, which
 * signs in as the user until the session ends. Keep it like a password.
 */
export type SavedSession = { session: string };

export type RealtimeClient = {
  getSnapshot(): RealtimeSnapshot;
  /** Called after every snapshot change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Signs in by the NextAuth session cookie (no argument), by exchanging a ticket, by credentials
   * (traded for a ticket first), or by resuming a saved session; resolves on signin_success.
   */
  start(credential?: string | Credentials | SavedSession): Promise<RealtimeUser>;
  /**
   * The realtime session this client is signed in with (after a ticket or credentials), to resume
   * after a reload with start(session); null when there is none, or it is not signed in.
   */
  getSession(): SavedSession | null;
  /** Signs in again as before (realtime session or cookie), after a disconnect. */
  reconnect(): Promise<RealtimeUser>;
  /** "Ticket first": asks this app's backend for a ticket for the signed-in user. */
  requestTicket(): Promise<Ticket>;
  /** Creates a user by service authentication; resolves with a ticket that start() accepts. */
  newUser(credentials: Credentials & { name?: string }): Promise<string>;
  stop(): void;
  /** Events sent to this user with sendToUser; returns the unbind function. */
  bindUser(event: string, handler: (data: unknown) => void): () => void;
  /** Subscribes to a channel (authorized by /api/pusher/auth); refusals reach `onError`. */
  join(name: string, onError?: (error: RealtimeError) => void): Channel;
  /** Leaves a channel once every join of it has left. */
  leave(name: string): void;
  /**
   * Watches what the client does, for devtools, logging or an inspector of the sign-in: the listener
   * first gets the most recent observations (at most 200), so one added after sign-in still sees
   * it, then each new one. Observations never hold the session token, tickets or channel secrets.
   * A listener that throws is ignored. Returns the function that stops the listener.
   */
  observe(listener: (observation: RealtimeObservation) => void): () => void;
  /**
   * Needed only for private-encrypted- channels: supplies the NaCl library (pusher-js's `nacl`
   * option) that their events are decrypted with. `load` runs when the first such channel is
   * authorized, so a page that uses none never loads it: pass a dynamic import, resolving to the
   * package's default export. Without it, authorizing such a channel fails with a RealtimeError
   * whose code is "encryption_unavailable".
   */
  enableEncryption(load: () => Promise<Nacl>): void;
};
