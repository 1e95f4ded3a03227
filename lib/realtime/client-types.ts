import type { Channel } from "pusher-js";
import type { PublicRealtimeConfig } from "@/lib/env-schema";
import type { Ticket } from "@/lib/realtime/auth-requests";
import type { RealtimeError } from "@/lib/realtime/errors";
import type { Backoff } from "@/lib/realtime/reconnect";
import type { TraceEntry } from "@/lib/realtime/trace";

export type ConnectionState =
  | "initialized"
  | "connecting"
  | "connected"
  | "unavailable"
  | "failed"
  | "disconnected";

export type RealtimeUser = { id: string; user_info?: { name?: string; username?: string } };

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

export type RealtimeClient = {
  getSnapshot(): RealtimeSnapshot;
  /** Called after every snapshot change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Signs in by the NextAuth session cookie (no argument), by exchanging a ticket, or by
   * credentials (traded for a ticket first); resolves on signin_success.
   */
  start(credential?: string | Credentials): Promise<RealtimeUser>;
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
  /** Every auth step this tab went through, for the inspector. */
  trace: { entries(): TraceEntry[]; subscribe(listener: () => void): () => void };
};
