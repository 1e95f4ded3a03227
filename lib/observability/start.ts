import "server-only";
import { collectDefaultMetrics } from "prom-client";
import { env } from "@/lib/env";
import { startHistory } from "@/lib/observability/history";
import { metrics } from "@/lib/observability/metrics";

// What instrumentation.ts starts in each server process: the process's own metrics (memory, CPU,
// event loop), the /admin panel's minute readings, and OpenTelemetry when
// OTEL_EXPORTER_OTLP_ENDPOINT names a collector.

export async function startObservability(): Promise<void> {
  const { registry } = metrics();
  // Registered once per registry, however often this runs.
  if (!registry.getSingleMetric("process_cpu_seconds_total")) {
    collectDefaultMetrics({ register: registry });
  }
  startHistory();
  if (!env().OTEL_EXPORTER_OTLP_ENDPOINT) return;
  // Loaded only when used: without a collector, no tracer is registered and spans cost nothing.
  const { registerOTel } = await import("@vercel/otel");
  // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and _HEADERS itself. Outgoing
  // fetches are not traced: their URLs may carry signatures (the realtime server's REST API).
  // scrubUrls runs first, so that the exporter ("auto") sends URLs without their queries.
  const { scrubUrls } = await import("@/lib/observability/scrub-urls");
  registerOTel({
    serviceName: "realtime-auth-kit",
    instrumentations: [],
    spanProcessors: [scrubUrls, "auto"],
  });
}
