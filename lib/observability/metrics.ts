import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { SESSION_END_REASONS, type SessionEndReason } from "@/lib/vocabulary/end-reason";
import {
  AUTH_FLOWS,
  type AuthFlow,
  type SessionStore,
  SIGN_IN_METHODS,
  type SignInMethod,
} from "@/lib/vocabulary/session-kinds";

// The app's Prometheus counters: one registry per process, read by GET /api/metrics and the
// /admin panel. No label ever holds a username, token, address or user id: each label below takes
// only the values of a fixed list, so a series can never name a person (and their number stays
// small). Not server-only: the scripts that end sessions (npm run user:create) count here too,
// into a registry that nobody reads.

export const AUTH_ENDPOINTS = [
  "user_auth",
  "channel_auth",
  "ticket",
  "ticket_exchange",
  "rotate",
  "service_session",
  "service_user",
  "webhook",
] as const;
export type AuthEndpoint = (typeof AUTH_ENDPOINTS)[number];

export const AUTH_OUTCOMES = ["ok", "refused", "error"] as const;
export type AuthOutcome = (typeof AUTH_OUTCOMES)[number];

/** Which limit refused: lib/credentials/limiters.ts counts each. */
export const THROTTLE_SCOPES = [
  "sign_in",
  "sign_in_in_flight",
  "sign_in_device",
  "sign_up",
  "sign_up_cap",
  "service_new_user",
  "tickets",
  "passkey_options",
] as const;
export type ThrottleScope = (typeof THROTTLE_SCOPES)[number];

/** The latency buckets, in seconds: an auth endpoint answers in a few milliseconds when well. */
export const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** 2xx answered, 4xx refused (429 too), anything else (5xx, a throw) an error. */
export function outcomeOf(status: number): AuthOutcome {
  if (status >= 200 && status < 400) return "ok";
  if (status >= 400 && status < 500) return "refused";
  return "error";
}

function build() {
  const registry = new Registry();
  const registers = [registry];
  const built = {
    registry,
    authRequests: new Counter({
      name: "realtime_auth_requests_total",
      help: "Requests to the auth endpoints, by endpoint and outcome (ok, refused, error).",
      labelNames: ["endpoint", "outcome"] as const,
      registers,
    }),
    authDuration: new Histogram({
      name: "realtime_auth_request_duration_seconds",
      help: "How long the auth endpoints took to answer, in seconds.",
      labelNames: ["endpoint"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    sessionsStarted: new Counter({
      name: "realtime_sessions_started_total",
      help: "Sessions started: web (by sign-in method) and realtime (by auth flow).",
      labelNames: ["kind", "method"] as const,
      registers,
    }),
    sessionsEnded: new Counter({
      name: "realtime_sessions_ended_total",
      help: "Sessions ended, web and realtime, by the reason stored with them.",
      labelNames: ["reason"] as const,
      registers,
    }),
    // Set from the database when scraped (app/api/metrics/route.ts): every instance sees them all.
    sessionsLive: new Gauge({
      name: "realtime_sessions_live",
      help: "Live sessions of every instance, by kind (web, realtime), read from the database.",
      labelNames: ["kind"] as const,
      registers,
    }),
    // One per channel judged, by either channel auth endpoint: a batch of 50 refusals is one
    // request above, and 50 here, so probing channel names in batches still shows.
    channelAnswers: new Counter({
      name: "realtime_channel_auth_answers_total",
      help: "Channels judged by channel auth (one request or a batch), by outcome.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    throttleRefusals: new Counter({
      name: "realtime_throttle_refusals_total",
      help: "Attempts refused by a rate limit, by the limit's scope.",
      labelNames: ["scope"] as const,
      registers,
    }),
  };
  zeroEverySeries(built);
  return built;
}

/**
 * Every series at 0 from the start, rather than absent until its first event: Prometheus then
 * sees the first refusal as a rise from 0 (rate() and alerts need that), and a scrape lists what
 * can be counted.
 */
function zeroEverySeries(metrics: Omit<ReturnType<typeof build>, "registry">) {
  for (const endpoint of AUTH_ENDPOINTS) {
    for (const outcome of AUTH_OUTCOMES) metrics.authRequests.inc({ endpoint, outcome }, 0);
    metrics.authDuration.zero({ endpoint });
  }
  for (const outcome of AUTH_OUTCOMES) metrics.channelAnswers.inc({ outcome }, 0);
  for (const method of SIGN_IN_METHODS) metrics.sessionsStarted.inc({ kind: "web", method }, 0);
  for (const method of AUTH_FLOWS) metrics.sessionsStarted.inc({ kind: "realtime", method }, 0);
  for (const reason of SESSION_END_REASONS) metrics.sessionsEnded.inc({ reason }, 0);
  for (const scope of THROTTLE_SCOPES) metrics.throttleRefusals.inc({ scope }, 0);
}

export type Metrics = ReturnType<typeof build>;

// Next.js may evaluate this module more than once in one process (one copy per bundle, such as
// the instrumentation hook's and the routes'): the registry is kept on globalThis, so that every
// copy counts into the same one.
const KEY = Symbol.for("realtime-auth-kit.metrics");
type Holder = { [KEY]?: Metrics };

export function metrics(): Metrics {
  const holder = globalThis as Holder;
  holder[KEY] ??= build();
  return holder[KEY];
}

export function countAuthRequest(endpoint: AuthEndpoint, outcome: AuthOutcome, seconds: number) {
  const { authRequests, authDuration } = metrics();
  authRequests.inc({ endpoint, outcome });
  authDuration.observe({ endpoint }, seconds);
}

/** One channel's answer: ok (signed), refused (4xx) or error (5xx: the server is misconfigured). */
export function countChannelAnswer(status: number) {
  metrics().channelAnswers.inc({ outcome: outcomeOf(status) });
}

export function countSessionStarted(
  start: { kind: "web"; method: SignInMethod } | { kind: "realtime"; method: AuthFlow },
) {
  metrics().sessionsStarted.inc({ kind: start.kind, method: start.method });
}

export function countSessionsEnded(reason: SessionEndReason, count: number) {
  if (count > 0) metrics().sessionsEnded.inc({ reason }, count);
}

export function countThrottleRefusal(scope: ThrottleScope) {
  metrics().throttleRefusals.inc({ scope });
}

export function setLiveSessions(live: Record<SessionStore, number>) {
  for (const [kind, count] of Object.entries(live)) metrics().sessionsLive.set({ kind }, count);
}
