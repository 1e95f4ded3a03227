import Pusher, {
  type ChannelAuthorizationCallback,
  type UserAuthenticationCallback,
} from "pusher-js";
import { isEncryptedChannel, isUserChannel } from "@/lib/channels/names";
import { postAuthForm, requestTicket } from "@/lib/realtime/client/auth-requests";
import type {
  ConnectionState,
  HttpCall,
  HttpStep,
  RealtimeCapabilities,
  RealtimeClient,
  RealtimeObservation,
  RealtimeSnapshot,
  RealtimeUser,
  SavedSession,
} from "@/lib/realtime/client/client-types";
import { createEncryption } from "@/lib/realtime/client/encryption";
import { RealtimeError, SessionEndedError } from "@/lib/realtime/client/errors";
import { SIGNED_IN_MARK } from "@/lib/realtime/client/marks";
import { connectionOptions } from "@/lib/realtime/client/options";
import { retryStalledConnections } from "@/lib/realtime/client/reconnect";
import { createSignedInGate } from "@/lib/realtime/client/signed-in-gate";
import {
  END_MESSAGES,
  type EndReason,
  isFinal,
  OPENED_BEFORE_END,
  parseSessionEnded,
  SESSION_ENDED_EVENT,
  sessionEndCode,
} from "@/lib/realtime/session-ended";

export type * from "@/lib/realtime/client/client-types";
export { RealtimeError, SessionEndedError } from "@/lib/realtime/client/errors";
export { SIGNED_IN_MARK } from "@/lib/realtime/client/marks";

const REFUSED = { min: 4001, max: 4099 };

// soketi lets any socket, signed in or not, subscribe to "#server-to-user-{id}" and send client
// events there, which reach that user's tabs: only the server's own events are to be believed.
const FORGEABLE = "client- events on a user's channel can be sent by anyone: bind server events.";

function isForgeable(message: { event: string; channel?: string }): boolean {
  return isUserChannel(message.channel) && message.event.startsWith("client-");
}

/** How many observations a listener added late is replayed. */
const REPLAYED = 200;

/** An observation before it is stamped with its time. */
type Unstamped<O = RealtimeObservation> = O extends unknown ? Omit<O, "at"> : never;

type Pending = {
  resolve: (user: RealtimeUser) => void;
  reject: (error: RealtimeError) => void;
  timer: ReturnType<typeof setTimeout>;
};

type ServerError = {
  data?: { code?: number; message?: string };
  error?: { data?: { code?: number; message?: string } };
};

function create(appKey: string, capabilities: RealtimeCapabilities): RealtimeClient {
  const { baseUrl = "", timeoutMs = 10_000, retry, ...connection } = capabilities;
  const listeners = new Set<() => void>();
  const observers = new Set<(observation: RealtimeObservation) => void>();
  let observations: RealtimeObservation[] = [];
  const encryption = createEncryption();
  const userBindings = new Set<[string, (data: unknown) => void]>();
  const channelErrors = new Map<string, RealtimeError>();
  const joined = new Map<string, number>();
  // Channel auth reaches pusher-js only once its socket has signed in.
  const gate = createSignedInGate();
  let snapshot: RealtimeSnapshot = { state: "initialized", user: null, error: null };
  let pusher: Pusher | undefined;
  let pending: Pending | undefined;
  // What the next sign-in presents: a ticket once, then the realtime session it started.
  let ticket: string | undefined;
  let sessionToken: string | undefined;
  let lastAuthError: RealtimeError | null = null;
  // Which session this tab is signed in with (web or realtime), as user-auth reported it.
  let sessionId: string | undefined;
  // Why the next refusal (the terminate that follows SESSION_ENDED_EVENT) closes this socket.
  // A terminate arrives twice (pusher:error, then the close): `acted` keeps the first verdict.
  let ending: { why: EndReason | "another session"; acted: boolean } | undefined;
  /** Whether the sign-in under way already retried after OPENED_BEFORE_END. */
  let openedBeforeEndRetried = false;
  /** The promise of the sign-in under way, which a retry on a new socket settles. */
  let signingIn: Promise<RealtimeUser> | undefined;
  // Every request that presents the session token waits for the one before: a rotation answers
  // the next token, and presenting the old one after it would count as reuse.
  let tokenUses: Promise<unknown> = Promise.resolve();
  let rotation: ReturnType<typeof setTimeout> | undefined;
  // Which start() an answer belongs to: one that arrives after a newer start() or stop() is
  // about a session this client no longer holds, and must not replace the current token.
  let epoch = 0;

  const url = (path: string) => `${baseUrl}${path}`;

  /** Stamps an observation, keeps it for replay and tells every observer. */
  function observed(unstamped: Unstamped) {
    const observation: RealtimeObservation = { ...unstamped, at: new Date().toISOString() };
    observations = [...observations.slice(-(REPLAYED - 1)), observation];
    for (const observer of [...observers]) tell(observer, observation);
  }

  function tell(observer: (observation: RealtimeObservation) => void, o: RealtimeObservation) {
    try {
      observer(o);
    } catch {
      // An observer's bug must not become the client's.
    }
  }

  const observeCall = (step: HttpStep) => (call: HttpCall) =>
    observed({ type: "http", step, call });

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
    // A server error that is not a refusal is followed by a new socket, which authorizes again.
    if (error.kind !== "pusher") gate.failed(error);
    observed({ type: "signin-failed", error });
    update({ error, user: null });
    finish(error);
  }

  /** Runs `use` after every earlier use of the token, when this client holds one. */
  function presentingToken<T>(use: () => Promise<T>): Promise<T> {
    if (ticket === undefined && sessionToken === undefined) return use();
    const run = tokenUses.then(use, use);
    tokenUses = run.catch(() => {});
    return run;
  }

  /** Keeps the token that an answer carries, and rotates it again before the idle timeout. */
  function keepToken(answer: Record<string, unknown>) {
    if (typeof answer.session !== "string") return;
    sessionToken = answer.session;
    // The token changed, not the snapshot: getSession() readers (a page that saves it) look again.
    for (const listener of listeners) listener();
    const every = Number(answer.session_refresh_ms);
    if (Number.isFinite(every) && every > 0) scheduleRotation(every);
  }

  function scheduleRotation(ms: number) {
    clearTimeout(rotation);
    rotation = setTimeout(() => void rotate(ms), ms);
    // A Node process is not kept alive for it.
    if (typeof rotation === "object" && "unref" in rotation) rotation.unref();
  }

  /** While signed in, a connected client uses its session, so it never idles out. */
  async function rotate(every: number) {
    if (!snapshot.user || sessionToken === undefined) return;
    const started = epoch;
    try {
      const answer = await presentingToken(() =>
        postAuthForm(
          url("/api/realtime/sessions/rotate"),
          { session: sessionToken },
          observeCall("rotate"),
          "session",
        ),
      );
      if (started === epoch) keepToken(answer);
    } catch (error) {
      if (started !== epoch) return;
      if (error instanceof SessionEndedError) {
        pusher?.disconnect();
        return fail(error);
      }
      // Unreachable for now: tried again well before the idle timeout.
      scheduleRotation(Math.max(1_000, Math.round(every / 3)));
    }
  }

  function authenticateUser(socketId: string, callback: UserAuthenticationCallback) {
    const started = epoch;
    presentingToken(() => {
      const presented = { ticket, session: ticket ? undefined : sessionToken };
      ticket = undefined; // A ticket is exchanged once.
      return postAuthForm(
        url("/api/pusher/user-auth"),
        { socket_id: socketId, ...presented },
        observeCall("user-auth"),
      );
    })
      .then((answer) => {
        if (started === epoch) keepToken(answer);
        if (typeof answer.session_id === "string") sessionId = answer.session_id;
        lastAuthError = null;
        const userData = String(answer.user_data);
        // pusher-js sends the signin first; observers, which may be slow, are told after.
        callback(null, { auth: answer.auth, user_data: userData });
        // Not `answer`: its `session` is the token that signs this user in again.
        observed({ type: "user-auth", socketId, auth: answer.auth, user_data: userData });
      })
      .catch((error: RealtimeError) => {
        lastAuthError = error;
        callback(error, null);
      });
  }

  function authorizeChannel(
    socketId: string,
    channelName: string,
    callback: ChannelAuthorizationCallback,
  ) {
    const post = () =>
      presentingToken(() =>
        postAuthForm(
          url("/api/pusher/auth"),
          { socket_id: socketId, channel_name: channelName, session: sessionToken },
          observeCall("channel-auth"),
        ),
      );
    const encrypted = isEncryptedChannel(channelName);
    // Without the library that decrypts it an encrypted channel is of no use: the app is not asked.
    // With it, the library loads while the app answers.
    const answered =
      encrypted && !encryption.enabled()
        ? Promise.reject(encryption.unavailable())
        : Promise.all([post(), encrypted ? encryption.load() : undefined]).then(
            ([answer]) => answer,
          );
    const refuse = (error: RealtimeError) => {
      observed({ type: "channel-refused", channel: channelName, error });
      channelErrors.set(channelName, error);
      callback(error, null);
    };
    answered
      .then((answer) => {
        // Not `answer` itself: an encrypted channel's `shared_secret` is its key.
        observed({
          type: "channel-authorized",
          channel: channelName,
          socketId,
          auth: answer.auth,
          channel_data: typeof answer.channel_data === "string" ? answer.channel_data : undefined,
        });
        // pusher-js subscribes when it is called back: not before this socket's sign-in, which a
        // session's end reaches (a socket that only subscribed is out of terminate's reach).
        gate.whenSignedIn(socketId, () => callback(null, answer), refuse);
      })
      .catch(refuse);
  }

  function onMessage(message: { event: string; channel?: string; data?: Record<string, unknown> }) {
    if (isForgeable(message)) return;
    if (message.event === "pusher:signin_success") {
      // A user-timing mark of the page's first sign-in, as it arrives: DevTools and the benchmark
      // read the time from navigation to here.
      const first =
        typeof window !== "undefined" && !performance.getEntriesByName(SIGNED_IN_MARK).length;
      if (first) performance.mark(SIGNED_IN_MARK);
      const user = JSON.parse(String(message.data?.user_data ?? "{}")) as RealtimeUser;
      observed({ type: "signed-in", user });
      update({ user, error: null });
      finish(user);
      gate.signedIn(pusher?.connection.socket_id);
    } else if (!message.event.startsWith("pusher")) {
      observed({
        type: "event",
        event: message.event,
        channel: message.channel,
        data: message.data,
      });
    }
  }

  function instance(): Pusher {
    if (pusher) return pusher;
    const created = new Pusher(appKey, {
      ...connectionOptions({ key: appKey, ...connection }),
      // Decrypts private-encrypted-* channels with the shared secret that channel auth returns.
      nacl: encryption.nacl,
      userAuthentication: {
        endpoint: url("/api/pusher/user-auth"),
        transport: "ajax",
        customHandler: ({ socketId }, callback) => authenticateUser(socketId, callback),
      },
      channelAuthorization: {
        endpoint: url("/api/pusher/auth"),
        transport: "ajax",
        customHandler: ({ socketId, channelName }, callback) =>
          authorizeChannel(socketId, channelName, callback),
      },
    });
    const onStateChange = ({ current }: { current: ConnectionState }) => {
      // The handshake's connection_established never reaches "message" listeners.
      if (current === "connected")
        observed({ type: "connected", socketId: created.connection.socket_id });
      else gate.disconnected();
      update(
        current === "connected" ? { state: current, error: null } : { state: current, user: null },
      );
    };
    created.connection.bind("state_change", onStateChange);
    // The constructor may already have started connecting.
    onStateChange({ current: created.connection.state as ConnectionState });
    created.connection.bind("message", onMessage);
    retryStalledConnections(created, retry);
    created.user.bind("pusher:signin_error", (event: { error?: string }) => {
      fail(
        lastAuthError ??
          new RealtimeError("signin", "signin_error", event.error ?? "Sign-in failed."),
      );
    });
    // The server says why before it terminates: the protocol closes every connection of the user,
    // so the tabs whose own session lives on are told so, and sign in again by themselves.
    created.user.bind(SESSION_ENDED_EVENT, (data: unknown) => {
      const notice = parseSessionEnded(data);
      if (!notice) return;
      const mine = notice.sessions === null || notice.sessions.includes(sessionId ?? "");
      ending = { why: mine ? notice.reason : "another session", acted: false };
    });
    created.connection.bind("error", (event: ServerError) => {
      const { code, message } = event.data ?? event.error?.data ?? {};
      if (code === undefined) return;
      const refused = code >= REFUSED.min && code <= REFUSED.max;
      if (refused && ending) {
        if (ending.acted) return;
        ending.acted = true;
        const { why } = ending;
        if (why === "another session") {
          observed({ type: "signing-in-again" });
          // Jittered, so that a user's many tabs do not all return in the same instant.
          setTimeout(() => void signIn().catch(() => {}), 200 + Math.random() * 500);
          return;
        }
        // The credential is kept: signing in again with it makes the server say why, once more.
        return fail(
          isFinal(why)
            ? new SessionEndedError(sessionEndCode(why), why, END_MESSAGES[why], code)
            : new RealtimeError("ended", why, END_MESSAGES[why], code),
        );
      }
      // Opened before an end that this very sign-in caused (it displaced a session past the
      // limit): once, a new socket signs in with the credential that the answer brought.
      if (refused && message === OPENED_BEFORE_END && !openedBeforeEndRetried) {
        openedBeforeEndRetried = true;
        setTimeout(() => void signIn(true).catch(() => {}), 0);
        return;
      }
      const text = message ?? "The realtime server closed the connection.";
      fail(
        refused
          ? new RealtimeError("refused", "connection_refused", text, code)
          : new RealtimeError("pusher", "pusher_error", text, code),
      );
    });
    for (const [event, handler] of userBindings) created.user.bind(event, handler);
    pusher = created;
    return created;
  }

  /**
   * Opens a fresh socket and signs it in with whatever credential the client holds now. `again`:
   * the same sign-in on a new socket, whose verdict settles the promise already handed out.
   */
  function signIn(again = false): Promise<RealtimeUser> {
    lastAuthError = null;
    ending = undefined;
    if (again && pending && signingIn) {
      pusher?.disconnect();
      pusher?.connect();
      return signingIn;
    }
    openedBeforeEndRetried = false;
    finish(new RealtimeError("signin", "superseded", "A newer sign-in replaced this one."));
    update({ error: null });
    const promise = new Promise<RealtimeUser>((resolve, reject) => {
      const timeout = () =>
        fail(new RealtimeError("timeout", "timeout", `No sign-in verdict within ${timeoutMs} ms.`));
      pending = { resolve, reject, timer: setTimeout(timeout, timeoutMs) };
    });
    signingIn = promise;
    if (pusher) {
      pusher.disconnect();
      pusher.connect();
    } else {
      instance().signin();
    }
    return promise;
  }

  /** The one exchange path: a ticket once, a saved session, or else the session cookie. */
  function startWith(withTicket: string | undefined, saved?: SavedSession): Promise<RealtimeUser> {
    clearTimeout(rotation);
    epoch += 1;
    ticket = withTicket;
    sessionToken = saved?.session;
    sessionId = undefined;
    return signIn();
  }

  return {
    getSnapshot: () => snapshot,
    getSession: () => (snapshot.user && sessionToken ? { session: sessionToken } : null),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start(credential) {
      if (typeof credential !== "object") return startWith(credential);
      if ("session" in credential) return startWith(undefined, credential);
      try {
        const path = "/api/realtime/service/sessions";
        const { userTicket } = await requestTicket(
          url(path),
          credential,
          observeCall("credentials"),
        );
        return await startWith(userTicket);
      } catch (error) {
        if (error instanceof RealtimeError && error.kind === "http") update({ error, user: null });
        throw error;
      }
    },
    reconnect: signIn,
    requestTicket: () =>
      requestTicket(url("/api/realtime/tickets"), undefined, observeCall("ticket")),
    async newUser(credentials) {
      const path = "/api/realtime/service/users";
      return (await requestTicket(url(path), credentials, observeCall("credentials"))).userTicket;
    },
    stop() {
      clearTimeout(rotation);
      epoch += 1;
      ticket = undefined;
      sessionToken = undefined;
      sessionId = undefined;
      finish(new RealtimeError("signin", "stopped", "stop() was called."));
      pusher?.disconnect();
      update({ user: null, error: null });
    },
    bindUser(event, handler) {
      if (event.startsWith("client-")) throw new Error(FORGEABLE);
      const binding: [string, (data: unknown) => void] = [event, handler];
      userBindings.add(binding);
      pusher?.user.bind(event, handler);
      return () => {
        userBindings.delete(binding);
        pusher?.user.unbind(event, handler);
      };
    },
    join(name, onError) {
      joined.set(name, (joined.get(name) ?? 0) + 1);
      const channel = instance().subscribe(name);
      if (onError) {
        channel.bind("pusher:subscription_error", (event: { error?: string; status?: number }) => {
          const known = channelErrors.get(name);
          channelErrors.delete(name);
          onError(
            known ??
              new RealtimeError(
                "http",
                "subscription_error",
                event.error ?? "Refused.",
                event.status,
              ),
          );
        });
      }
      return channel;
    },
    leave(name) {
      // Several components may share a channel: it is left when the last of them leaves.
      const remaining = (joined.get(name) ?? 1) - 1;
      if (remaining > 0) return void joined.set(name, remaining);
      joined.delete(name);
      pusher?.unsubscribe(name);
    },
    observe(observer) {
      // Replayed first, then added: it sees the observations in the order they happened.
      for (const observation of observations) tell(observer, observation);
      observers.add(observer);
      return () => void observers.delete(observer);
    },
    enableEncryption: encryption.enable,
  };
}

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
