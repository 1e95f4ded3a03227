import type {
  HttpCall,
  RealtimeClient,
  RealtimeObservation,
} from "@/lib/realtime/client/client-types";

// What the auth inspector shows: each step of a realtime sign-in, as this tab saw it, built from
// the client's observations.

export type TraceStep =
  | "ticket" // the page asked the backend for a ticket
  | "credentials" // service authentication: credentials traded for a ticket
  | "connected" // the socket is open and has a socket_id
  | "user-auth" // the HTTP call to /api/pusher/user-auth
  | "token" // what it answered, and the string that was signed
  | "signin" // the realtime server's verdict
  | "channel-auth" // a channel authorization
  | "rotate" // the realtime session's token rotated while connected
  | "event"; // an event received

export type TraceEntry = {
  id: number;
  at: string;
  step: TraceStep;
  title: string;
  detail?: string;
  ok: boolean;
};

export function describeCall(call: HttpCall): string {
  return `${call.method} ${call.path} → ${call.status || "no answer"} (${call.ms} ms)`;
}

type Described = { step: TraceStep; title: string; detail?: string; ok?: boolean };

/** How the inspector words an observation. */
export function describeObservation(observation: RealtimeObservation): Described {
  switch (observation.type) {
    case "http":
      return {
        step: observation.step,
        title: describeCall(observation.call),
        ok: observation.call.status < 400,
      };
    case "connected":
      return { step: "connected", title: `Socket ${observation.socketId} connected` };
    case "user-auth": {
      const { socketId, auth, user_data } = observation;
      return {
        step: "token",
        title: "Signed token received",
        detail: `auth: ${auth}\nuser_data: ${user_data}\nsigned string: ${socketId}::user::${user_data}`,
      };
    }
    case "signed-in": {
      const { user } = observation;
      return {
        step: "signin",
        title: `pusher:signin_success as ${user.user_info?.username ?? user.id}`,
      };
    }
    case "signin-failed": {
      const { error } = observation;
      return {
        step: "signin",
        title: `${error.kind}: ${error.code}`,
        detail: error.message,
        ok: false,
      };
    }
    case "channel-authorized": {
      const { channel, socketId, auth, channel_data } = observation;
      const data = channel_data === undefined ? "" : `:${channel_data}`;
      return {
        step: "channel-auth",
        title: `${channel}: allowed`,
        detail: `auth: ${auth}\nsigned string: ${socketId}:${channel}${data}`,
      };
    }
    case "channel-refused":
      return {
        step: "channel-auth",
        title: `${observation.channel}: denied`,
        detail: observation.error.message,
        ok: false,
      };
    case "event":
      return {
        step: "event",
        title: `${observation.event} on ${observation.channel ?? "the connection"}`,
        detail: JSON.stringify(observation.data),
      };
    case "signing-in-again":
      return { step: "signin", title: "Another session of this user ended: signing in again" };
  }
}

const LIMIT = 200;

/** The client's observations as trace entries, in the shape useSyncExternalStore wants. */
export function createTrace(client: RealtimeClient) {
  let entries: TraceEntry[] = [];
  let next = 1;
  let stop: (() => void) | undefined;
  const listeners = new Set<() => void>();

  function add(observation: RealtimeObservation) {
    const { step, title, detail, ok = true } = describeObservation(observation);
    entries = [
      ...entries.slice(-(LIMIT - 1)),
      { id: next++, at: observation.at, step, title, detail, ok },
    ];
    for (const listener of listeners) listener();
  }

  return {
    entries: () => entries,
    subscribe(listener: () => void) {
      // The first listener starts observing, and the client replays what came before. React
      // compares the snapshot once subscribed, so the replay needs no notification.
      stop ??= client.observe(add);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        stop?.();
        stop = undefined;
        entries = [];
      };
    },
  };
}

export type Trace = ReturnType<typeof createTrace>;

const traces = new WeakMap<RealtimeClient, Trace>();

/** One trace per client, however many inspectors show it. */
export function traceOf(client: RealtimeClient): Trace {
  let trace = traces.get(client);
  if (!trace) {
    trace = createTrace(client);
    traces.set(client, trace);
  }
  return trace;
}
