import { SpanStatusCode, trace } from "@opentelemetry/api";
import { type AuthEndpoint, countAuthRequest, outcomeOf } from "@/lib/observability/metrics";
import type { SessionEndReason } from "@/lib/vocabulary/end-reason";

// The app's spans. Without OTEL_EXPORTER_OTLP_ENDPOINT no tracer is registered
// (instrumentation.ts) and @opentelemetry/api hands out spans that record nothing, so this costs
// next to nothing then. Attributes are the endpoint, the outcome, the status and an end's reason:
// never a token, a password, a cookie, a username, a user id or an address.

const tracer = () => trace.getTracer("realtime-auth-kit");

/** The attribute names, in one place: the docs and the traces test name them. */
export const ATTRIBUTES = {
  endpoint: "realtime.auth.endpoint",
  outcome: "realtime.auth.outcome",
  status: "http.response.status_code",
  endReason: "realtime.session.end_reason",
  endedCount: "realtime.session.ended_count",
} as const;

/** What a request learns about itself on the way: user-auth with a ticket is an exchange. */
export type Observation = { endpoint: AuthEndpoint };

/**
 * Runs one request to an auth endpoint inside a span, then counts it: its outcome by the answer's
 * status (a throw is an error), its duration in the histogram.
 */
export function observeAuthRequest(
  endpoint: AuthEndpoint,
  answer: (observation: Observation) => Promise<Response>,
): Promise<Response> {
  const observation: Observation = { endpoint };
  const started = performance.now();
  return tracer().startActiveSpan(`auth ${endpoint}`, async (span) => {
    let status = 500;
    try {
      const response = await answer(observation);
      status = response.status;
      return response;
    } catch (error) {
      span.recordException(error instanceof Error ? error.name : "Error");
      throw error;
    } finally {
      const outcome = outcomeOf(status);
      countAuthRequest(observation.endpoint, outcome, (performance.now() - started) / 1000);
      span.updateName(`auth ${observation.endpoint}`);
      span.setAttributes({
        [ATTRIBUTES.endpoint]: observation.endpoint,
        [ATTRIBUTES.outcome]: outcome,
        [ATTRIBUTES.status]: status,
      });
      if (outcome === "error") span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  });
}

/**
 * A span for an end of sessions that took from `startedAt` until now, with its reason. Inside a
 * request it joins that request's trace; outside one (the sweeper, every few seconds), only an
 * end that ended something makes a trace of its own.
 */
export function traceSessionsEnd(reason: SessionEndReason, count: number, startedAt: number) {
  if (count === 0 && !trace.getActiveSpan()) return;
  const attributes = { [ATTRIBUTES.endReason]: reason, [ATTRIBUTES.endedCount]: count };
  tracer().startSpan("sessions end", { attributes, startTime: startedAt }).end();
}
