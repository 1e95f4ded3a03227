import Pusher, { type Channel } from "pusher-js";
import type { PublicRealtimeConfig } from "@/lib/env-schema";
import { postAuthForm, postServiceCredentials } from "@/lib/realtime/auth-requests";
import { RealtimeError } from "@/lib/realtime/errors";
import { connectionOptions } from "@/lib/realtime/options";

export { RealtimeError } from "@/lib/realtime/errors";

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
  /** Creates a user by service authentication; resolves with a ticket that start() accepts. */
  newUser(credentials: Credentials & { name?: string }): Promise<string>;
  stop(): void;
  /** Events sent to this user with sendToUser; returns the unbind function. */
  bindUser(event: string, handler: (data: unknown) => void): () => void;
  /** Subscribes to a channel (authorized by /api/pusher/auth); refusals reach `onError`. */
  join(name: string, onError?: (error: RealtimeError) => void): Channel;
  leave(name: string): void;
};

const REFUSED = { min: 4001, max: 4099 };

type Pending = {
  resolve: (user: RealtimeUser) => void;
  reject: (error: RealtimeError) => void;
  timer: ReturnType<typeof setTimeout>;
};

function create(appKey: string, capabilities: RealtimeCapabilities): RealtimeClient {
  const { baseUrl = "", timeoutMs = 10_000, ...connection } = capabilities;
  const listeners = new Set<() => void>();
  const userBindings = new Set<[string, (data: unknown) => void]>();
  const channelErrors = new Map<string, RealtimeError>();
  let snapshot: RealtimeSnapshot = { state: "initialized", user: null, error: null };
  let pusher: Pusher | undefined;
  let pending: Pending | undefined;
  // What the next sign-in presents: a ticket once, then the realtime session it started.
  let ticket: string | undefined;
  let sessionToken: string | undefined;
  let lastAuthError: RealtimeError | null = null;

  function update(change: Partial<RealtimeSnapshot>) {
    snapshot = { ...snapshot, ...change };
    for (const listener of listeners) listener();
  }

  function finish(outcome: RealtimeUser | RealtimeError) {
    if (!pending) return;
    clearTimeout(pending.timer);
    if (outcome instanceof RealtimeError) pending.reject(outcome);
    else pending.resolve(outcome);
    pending = undefined;
  }

  function fail(error: RealtimeError) {
    update({ error, user: null });
    finish(error);
  }

  function instance(): Pusher {
    if (pusher) return pusher;
    const created = new Pusher(appKey, {
      ...connectionOptions({ key: appKey, ...connection }),
      userAuthentication: {
        endpoint: `${baseUrl}/api/pusher/user-auth`,
        transport: "ajax",
        customHandler: ({ socketId }, callback) => {
          const presented = { ticket, session: ticket ? undefined : sessionToken };
          ticket = undefined; // A ticket is exchanged once.
          postAuthForm(`${baseUrl}/api/pusher/user-auth`, { socket_id: socketId, ...presented })
            .then((answer) => {
              if (typeof answer.session === "string") sessionToken = answer.session;
              lastAuthError = null;
              callback(null, { auth: answer.auth, user_data: String(answer.user_data) });
            })
            .catch((error: RealtimeError) => {
              lastAuthError = error;
              callback(error, null);
            });
        },
      },
      channelAuthorization: {
        endpoint: `${baseUrl}/api/pusher/auth`,
        transport: "ajax",
        customHandler: ({ socketId, channelName }, callback) => {
          postAuthForm(`${baseUrl}/api/pusher/auth`, {
            socket_id: socketId,
            channel_name: channelName,
            session: sessionToken,
          })
            .then((answer) => callback(null, answer as never))
            .catch((error: RealtimeError) => {
              channelErrors.set(channelName, error);
              callback(error, null);
            });
        },
      },
    });
    created.connection.bind("state_change", ({ current }: { current: ConnectionState }) => {
      update(
        current === "connected" ? { state: current, error: null } : { state: current, user: null },
      );
    });
    created.connection.bind(
      "message",
      (message: { event: string; data?: { user_data?: string } }) => {
        if (message.event !== "pusher:signin_success") return;
        const user = JSON.parse(message.data?.user_data ?? "{}") as RealtimeUser;
        update({ user, error: null });
        finish(user);
      },
    );
    created.user.bind("pusher:signin_error", (event: { error?: string }) => {
      fail(
        lastAuthError ??
          new RealtimeError("signin", "signin_error", event.error ?? "Sign-in failed."),
      );
    });
    created.connection.bind("error", (event: ConnectionErrorEvent) => {
      const { code, message } = event.data ?? event.error?.data ?? {};
      if (code === undefined) return;
      const refused = code >= REFUSED.min && code <= REFUSED.max;
      fail(
        refused
          ? new RealtimeError(
              "refused",
              "connection_refused",
              message ?? "The server closed the connection.",
              code,
            )
          : new RealtimeError(
              "pusher",
              "pusher_error",
              message ?? "The realtime server reported an error.",
              code,
            ),
      );
    });
    for (const [event, handler] of userBindings) created.user.bind(event, handler);
    pusher = created;
    return created;
  }

  /** Opens a fresh socket and signs it in with whatever credential the client holds now. */
  function signIn(): Promise<RealtimeUser> {
    lastAuthError = null;
    finish(new RealtimeError("signin", "superseded", "A newer sign-in replaced this one."));
    update({ error: null });
    const promise = new Promise<RealtimeUser>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          fail(
            new RealtimeError("timeout", "timeout", `No sign-in verdict within ${timeoutMs} ms.`),
          ),
        timeoutMs,
      );
      pending = { resolve, reject, timer };
    });
    const existing = pusher;
    if (existing) {
      existing.disconnect();
      existing.connect();
    } else {
      instance().signin();
    }
    return promise;
  }

  /** The one exchange path: a ticket once, or the session cookie when there is none. */
  function startWith(withTicket: string | undefined): Promise<RealtimeUser> {
    ticket = withTicket;
    sessionToken = undefined;
    return signIn();
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start(credential) {
      if (typeof credential !== "object") return startWith(credential);
      try {
        const { userTicket } = await postServiceCredentials(
          `${baseUrl}/api/realtime/service/sessions`,
          credential,
        );
        return await startWith(userTicket);
      } catch (error) {
        if (error instanceof RealtimeError && error.kind === "http") update({ error, user: null });
        throw error;
      }
    },
    reconnect: signIn,
    async newUser(credentials) {
      const { userTicket } = await postServiceCredentials(
        `${baseUrl}/api/realtime/service/users`,
        credentials,
      );
      return userTicket;
    },
    stop() {
      ticket = undefined;
      sessionToken = undefined;
      finish(new RealtimeError("signin", "stopped", "stop() was called."));
      pusher?.disconnect();
      update({ user: null, error: null });
    },
    bindUser(event, handler) {
      const binding: [string, (data: unknown) => void] = [event, handler];
      userBindings.add(binding);
      pusher?.user.bind(event, handler);
      return () => {
        userBindings.delete(binding);
        pusher?.user.unbind(event, handler);
      };
    },
    join(name, onError) {
      const channel = instance().subscribe(name);
      channel.bind("pusher:subscription_error", (event: { error?: string; status?: number }) => {
        const known = channelErrors.get(name);
        channelErrors.delete(name);
        onError?.(
          known ??
            new RealtimeError(
              "http",
              "subscription_error",
              event.error ?? "Refused.",
              event.status,
            ),
        );
      });
      return channel;
    },
    leave(name) {
      pusher?.unsubscribe(name);
    },
  };
}

type ConnectionErrorEvent = {
  data?: { code?: number; message?: string };
  error?: { data?: { code?: number; message?: string } };
};

// One pusher-js instance per tab: the slot on globalThis survives React StrictMode's double
// effects and fast refresh, which re-evaluates this module. In Node every call gets its own.
const globalForRealtime = globalThis as unknown as {
  realtime?: { key: string; client: RealtimeClient };
};

export function createRealtimeClient(options: {
  appKey: string;
  capabilities: RealtimeCapabilities;
}): RealtimeClient {
  if (typeof window === "undefined") return create(options.appKey, options.capabilities);
  const existing = globalForRealtime.realtime;
  if (existing?.key === options.appKey) return existing.client;
  const client = create(options.appKey, options.capabilities);
  globalForRealtime.realtime = { key: options.appKey, client };
  return client;
}
