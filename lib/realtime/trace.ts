// What the auth inspector shows: each step of a realtime sign-in, as this tab saw it.

export type TraceStep =
  | "ticket" // the page asked the backend for a ticket
  | "credentials" // service authentication: credentials traded for a ticket
  | "connected" // the socket is open and has a socket_id
  | "user-auth" // the HTTP call to /api/pusher/user-auth
  | "token" // what it answered, and the string that was signed
  | "signin" // the realtime server's verdict
  | "channel-auth" // a channel authorization
  | "event"; // an event received

export type TraceEntry = {
  id: number;
  at: string;
  step: TraceStep;
  title: string;
  detail?: string;
  ok: boolean;
};

export type HttpCall = { method: string; path: string; status: number; ms: number };

export function describeCall(call: HttpCall): string {
  return `${call.method} ${call.path} → ${call.status || "no answer"} (${call.ms} ms)`;
}

const LIMIT = 200;

/** A bounded log with listeners, in the shape useSyncExternalStore wants. */
export function createTrace() {
  let entries: TraceEntry[] = [];
  let next = 1;
  const listeners = new Set<() => void>();
  return {
    add(step: TraceStep, title: string, options: { detail?: string; ok?: boolean } = {}) {
      const entry = {
        id: next++,
        at: new Date().toISOString(),
        step,
        title,
        ok: options.ok ?? true,
        detail: options.detail,
      };
      entries = [...entries.slice(-(LIMIT - 1)), entry];
      for (const listener of listeners) listener();
    },
    entries: () => entries,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Trace = ReturnType<typeof createTrace>;
