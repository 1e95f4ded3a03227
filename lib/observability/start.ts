import "server-only";
import { env } from "@/lib/env";
import { startHistory } from "@/lib/observability/history";

// What instrumentation.ts starts in each server process: the /admin panel's minute readings, and
// OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT names a collector.

export async function startObservability(): Promise<void> {
  startHistory();
  if (!env().OTEL_EXPORTER_OTLP_ENDPOINT) return;
  // Loaded only when used: without a collector, no tracer is registered and spans cost nothing.
  const { registerOTel } = await import("@vercel/otel");
  // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and _HEADERS itself. Outgoing
  // fetches are not traced: their URLs may carry signatures (the realtime server's REST API).
  registerOTel({ serviceName: "realtime-auth-kit", instrumentations: [] });
}
