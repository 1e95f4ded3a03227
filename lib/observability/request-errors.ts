import { SpanStatusCode, trace } from "@opentelemetry/api";
import type { Instrumentation } from "next";

// Next.js's onRequestError (instrumentation.ts): an error no handler caught, reported with its
// route's pattern (/api/account/devices/[id], never the path with its values or query), its kind
// and method, and the error's class and digest. Not its message, which may quote an input: the
// server's own log has it in full, under the same digest.

export const reportRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const type = error instanceof Error ? error.name : "Error";
  const digest =
    typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : "";
  const attributes = {
    "next.route": context.routePath,
    "next.route_type": context.routeType,
    "http.request.method": request.method,
    "error.type": type,
    ...(digest ? { "next.error_digest": digest } : {}),
  };
  const span = trace.getTracer("realtime-auth-kit").startSpan("request error", { attributes });
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
  console.error(
    `Request error: ${request.method} ${context.routePath} (${context.routeType}): ${type}${digest ? `, digest ${digest}` : ""}`,
  );
};
