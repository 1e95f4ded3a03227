import type { RealtimeSnapshot } from "@/lib/realtime/client/client-types";

/** The snapshot that useSyncExternalStore reads, and its listeners. */
export function createStore() {
  const listeners = new Set<() => void>();
  let snapshot: RealtimeSnapshot = { state: "initialized", user: null, error: null };

  /** Tells every listener to look again. */
  function notify() {
    for (const listener of listeners) listener();
  }

  return {
    get: () => snapshot,
    update(change: Partial<RealtimeSnapshot>) {
      snapshot = { ...snapshot, ...change };
      notify();
    },
    notify,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Store = ReturnType<typeof createStore>;
