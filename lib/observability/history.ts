import { LATENCY_BUCKETS, metrics } from "@/lib/observability/metrics";

// The last hour of this instance's counters, for the /admin panel: the counters only ever grow,
// so a reading every minute, kept for an hour, gives each minute's sign-ins and refusals and the
// hour's latency. Read from the same registry that GET /api/metrics serves.

/** The counters at one moment: cumulative since this process started. */
export type Reading = {
  at: number;
  signIns: number;
  refusals: number;
  throttled: number;
  /**
   * Auth requests at or under each of LATENCY_BUCKETS, then all of them (+Inf). Not the webhooks:
   * the realtime server waits for them, no user does.
   */
  latency: number[];
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export async function readCounters(at = Date.now()): Promise<Reading> {
  const { sessionsStarted, authRequests, throttleRefusals, authDuration } = metrics();
  const [started, requests, throttles, duration] = await Promise.all([
    sessionsStarted.get(),
    authRequests.get(),
    throttleRefusals.get(),
    authDuration.get(),
  ]);
  const sum = (values: { value: number }[]) =>
    values.reduce((total, { value }) => total + value, 0);
  const bounds = [...LATENCY_BUCKETS.map(String), "+Inf"];
  // A bucket's value carries its bound as the label `le`, which the histogram's type leaves out.
  const buckets = duration.values
    .filter((value) => value.metricName?.endsWith("_bucket") && value.labels.endpoint !== "webhook")
    .map(({ value, labels }) => ({ value, le: String((labels as { le?: unknown }).le) }));
  return {
    at,
    signIns: sum(started.values),
    refusals: sum(requests.values.filter((value) => value.labels.outcome === "refused")),
    throttled: sum(throttles.values),
    latency: bounds.map((le) => sum(buckets.filter((bucket) => bucket.le === le))),
  };
}

/**
 * The q-quantile of a histogram's cumulative bucket counts (Prometheus's histogram_quantile):
 * interpolated within the bucket that holds it; null without observations. Past the last finite
 * bound, that bound.
 */
export function histogramQuantile(q: number, bounds: number[], cumulative: number[]) {
  const total = cumulative.at(-1) ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  for (const [index, upper] of bounds.entries()) {
    const count = cumulative[index] ?? 0;
    if (count < rank) continue;
    const lower = index === 0 ? 0 : (bounds[index - 1] ?? 0);
    if (!Number.isFinite(upper)) return lower;
    const below = index === 0 ? 0 : (cumulative[index - 1] ?? 0);
    const inBucket = count - below;
    return inBucket === 0 ? upper : lower + (upper - lower) * ((rank - below) / inBucket);
  }
  return bounds.at(-1) ?? null;
}

const KEY = Symbol.for("realtime-auth-kit.metrics-history");
type Holder = { [KEY]?: { readings: Reading[]; timer?: NodeJS.Timeout } };

/** Every counter starts at zero with the process: its first reading, taken for granted. */
function processStart(): Reading {
  const at = Date.now() - Math.round(process.uptime() * 1000);
  return {
    at,
    signIns: 0,
    refusals: 0,
    throttled: 0,
    latency: LATENCY_BUCKETS.map(() => 0).concat(0),
  };
}

function history() {
  const holder = globalThis as Holder;
  holder[KEY] ??= { readings: [processStart()] };
  return holder[KEY];
}

async function record() {
  const kept = history();
  kept.readings.push(await readCounters());
  // One more than an hour's: the hour's first minute needs the reading before it.
  kept.readings = kept.readings.filter((reading) => reading.at > Date.now() - HOUR - MINUTE);
}

/** Takes a reading every minute; once per process (instrumentation.ts). */
export function startHistory() {
  const kept = history();
  if (kept.timer) return;
  kept.timer = setInterval(() => void record(), MINUTE);
  kept.timer.unref();
}

export type Minute = { at: number; signIns: number; refusals: number };

export type HourSummary = {
  /** Since when the figures count: an hour ago, or this instance's first reading. */
  since: number;
  signIns: number;
  refusals: number;
  throttled: number;
  /** In seconds; null without a request. */
  p95: number | null;
  minutes: Minute[];
};

/** The last hour, from the minute readings and one taken now. */
export async function lastHour(): Promise<HourSummary> {
  const now = await readCounters();
  const readings = history().readings.filter((reading) => reading.at >= now.at - HOUR);
  const first = readings[0] ?? now;
  const points = [...readings, now];
  const minutes = points.slice(1).map((reading, index) => {
    const before = points[index] ?? reading;
    return {
      at: reading.at,
      signIns: reading.signIns - before.signIns,
      refusals: reading.refusals - before.refusals,
    };
  });
  const latency = now.latency.map((count, index) => count - (first.latency[index] ?? 0));
  return {
    since: first.at,
    signIns: now.signIns - first.signIns,
    refusals: now.refusals - first.refusals,
    throttled: now.throttled - first.throttled,
    p95: histogramQuantile(0.95, [...LATENCY_BUCKETS, Number.POSITIVE_INFINITY], latency),
    minutes,
  };
}
