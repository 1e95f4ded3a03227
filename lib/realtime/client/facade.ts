import Pusher from "pusher-js";
import { createChannelAuthorizer } from "@/lib/realtime/client/auth/channel-authorizer";
import { createUserAuthenticator } from "@/lib/realtime/client/auth/user-authenticator";
import { postAuthForm, requestTicket } from "@/lib/realtime/client/auth-requests";
import { createChannels } from "@/lib/realtime/client/channels";
import type {
  RealtimeCapabilities,
  RealtimeClient,
  RealtimeUser,
  SavedSession,
} from "@/lib/realtime/client/client-types";
import { createCredential } from "@/lib/realtime/client/credential";
import { dispatchEnds, dispatchEvents } from "@/lib/realtime/client/dispatcher";
import { createEncryption } from "@/lib/realtime/client/encryption";
import { createEnds } from "@/lib/realtime/client/ends";
import { RealtimeError } from "@/lib/realtime/client/errors";
import { createObservationLog } from "@/lib/realtime/client/observations";
import { pusherOptions } from "@/lib/realtime/client/options";
import { retryStalledConnections } from "@/lib/realtime/client/reconnect";
import { createSignInPromise } from "@/lib/realtime/client/sign-in";
import { createSignedInGate } from "@/lib/realtime/client/signed-in-gate";
import { createStore } from "@/lib/realtime/client/store";
import { createUserBindings } from "@/lib/realtime/client/user";

// The facade over one pusher-js instance, as pusher-js's own core/pusher is over its parts.
export function createClient(appKey: string, capabilities: RealtimeCapabilities): RealtimeClient {
  const { baseUrl = "", timeoutMs = 10_000, retry, ...connection } = capabilities;
  const url = (path: string) => `${baseUrl}${path}`;
  const store = createStore();
  const log = createObservationLog();
  const encryption = createEncryption();
  // Channel auth reaches pusher-js only once its socket has signed in.
  const gate = createSignedInGate();
  const channels = createChannels();
  const user = createUserBindings();
  const ends = createEnds();
  const signing = createSignInPromise(timeoutMs, fail);
  let pusher: Pusher | undefined;

  const credential = createCredential({
    rotate: (session) =>
      postAuthForm(
        url("/api/realtime/sessions/rotate"),
        { session },
        log.calls("rotate"),
        "session",
      ),
    inUse: () => store.get().user !== null,
    changed: store.notify,
    ended(error) {
      pusher?.disconnect();
      fail(error);
    },
  });
  const userAuth = createUserAuthenticator({ credential, url, log });
  const authorize = createChannelAuthorizer({
    credential,
    url,
    log,
    encryption,
    gate,
    refused: channels.refused,
  });

  function fail(error: RealtimeError) {
    // A server error that is not a refusal is followed by a new socket, which authorizes again.
    if (error.kind !== "pusher") gate.failed(error);
    log.record({ type: "signin-failed", error });
    store.update({ error, user: null });
    signing.settle(error);
  }

  function instance(): Pusher {
    if (pusher) return pusher;
    const created = new Pusher(
      appKey,
      pusherOptions({ key: appKey, ...connection }, url, encryption.nacl, {
        authenticate: userAuth.authenticate,
        authorize,
      }),
    );
    const to = {
      store,
      log,
      gate,
      ends,
      fail,
      signIn,
      signedIn: (signedIn: RealtimeUser) => signing.settle(signedIn),
      lastAuthError: userAuth.lastError,
      sessionId: credential.sessionId,
    };
    dispatchEvents(created, to);
    retryStalledConnections(created, retry);
    dispatchEnds(created, to);
    user.attach(created);
    pusher = created;
    return created;
  }

  /**
   * Opens a fresh socket and signs it in with whatever credential the client holds now. `again`:
   * the same sign-in on a new socket, whose verdict settles the promise already handed out.
   */
  function signIn(again = false): Promise<RealtimeUser> {
    userAuth.reset();
    const underway = again ? signing.underway() : undefined;
    ends.signingIn(!underway);
    if (underway) {
      pusher?.disconnect();
      pusher?.connect();
      return underway;
    }
    const promise = signing.begin();
    store.update({ error: null });
    if (pusher) {
      pusher.disconnect();
      pusher.connect();
    } else {
      instance().signin();
    }
    return promise;
  }

  /** The one exchange path: a ticket once, a saved session, or else the session cookie. */
  function startWith(ticket: string | undefined, saved?: SavedSession): Promise<RealtimeUser> {
    credential.hold(ticket, saved);
    return signIn();
  }

  const service = (path: string, credentials?: object) =>
    requestTicket(url(path), credentials, log.calls(credentials ? "credentials" : "ticket"));

  return {
    getSnapshot: store.get,
    getSession() {
      const token = credential.token();
      return store.get().user && token ? { session: token } : null;
    },
    subscribe: store.subscribe,
    async start(given) {
      if (typeof given !== "object") return startWith(given);
      if ("session" in given) return startWith(undefined, given);
      try {
        const { userTicket } = await service("/api/realtime/service/sessions", given);
        return await startWith(userTicket);
      } catch (error) {
        if (error instanceof RealtimeError && error.kind === "http")
          store.update({ error, user: null });
        throw error;
      }
    },
    reconnect: () => signIn(),
    requestTicket: () => service("/api/realtime/tickets"),
    newUser: async (credentials) =>
      (await service("/api/realtime/service/users", credentials)).userTicket,
    stop() {
      credential.hold();
      signing.settle(new RealtimeError("signin", "stopped", "stop() was called."));
      pusher?.disconnect();
      store.update({ user: null, error: null });
    },
    bindUser: user.bind,
    join(name, onError) {
      channels.joined(name);
      const channel = instance().subscribe(name);
      if (onError) channels.reportErrors(channel, onError);
      return channel;
    },
    leave(name) {
      if (channels.left(name)) pusher?.unsubscribe(name);
    },
    observe: log.observe,
    enableEncryption: encryption.enable,
  };
}
