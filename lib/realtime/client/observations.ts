import type { HttpCall, HttpStep, RealtimeObservation } from "@/lib/realtime/client/client-types";

/** How many observations a listener added late is replayed. */
const REPLAYED = 200;

/** An observation before it is stamped with its time. */
export type Unstamped<O = RealtimeObservation> = O extends unknown ? Omit<O, "at"> : never;

type Observer = (observation: RealtimeObservation) => void;

function tell(observer: Observer, observation: RealtimeObservation) {
  try {
    observer(observation);
  } catch {
    // An observer's bug must not become the client's.
  }
}

/** What the client went through: kept for replay (the most recent 200) and told to observers. */
export function createObservationLog() {
  const observers = new Set<Observer>();
  let kept: RealtimeObservation[] = [];

  function record(unstamped: Unstamped) {
    const observation: RealtimeObservation = { ...unstamped, at: new Date().toISOString() };
    kept = [...kept.slice(-(REPLAYED - 1)), observation];
    for (const observer of [...observers]) tell(observer, observation);
  }

  return {
    record,
    /** The reporter of one step's HTTP calls. */
    calls: (step: HttpStep) => (call: HttpCall) => record({ type: "http", step, call }),
    observe(observer: Observer): () => void {
      // Replayed first, then added: it sees the observations in the order they happened.
      for (const observation of kept) tell(observer, observation);
      observers.add(observer);
      return () => void observers.delete(observer);
    },
  };
}

export type ObservationLog = ReturnType<typeof createObservationLog>;
