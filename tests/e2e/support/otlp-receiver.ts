import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// An OpenTelemetry collector as small as a test needs: OTLP/HTTP with JSON bodies
// (OTEL_EXPORTER_OTLP_PROTOCOL=http/json) on 127.0.0.1, keeping every span it is sent.

export type ReceivedSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, string>;
};

type AnyValue = {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
  doubleValue?: number;
};
type Export = {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: AnyValue }[] };
    scopeSpans?: {
      spans?: (Omit<ReceivedSpan, "attributes"> & {
        attributes?: { key: string; value: AnyValue }[];
      })[];
    }[];
  }[];
};

const text = (value: AnyValue) =>
  String(value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue ?? "");

export async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  /** Every attribute value the app sent, the resource's included: what the secrets test reads. */
  const values: string[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      if (request.url === "/v1/traces") {
        const exported = JSON.parse(body) as Export;
        for (const resource of exported.resourceSpans ?? []) {
          values.push(...(resource.resource?.attributes ?? []).map(({ value }) => text(value)));
          for (const span of (resource.scopeSpans ?? []).flatMap((scope) => scope.spans ?? [])) {
            const attributes = Object.fromEntries(
              (span.attributes ?? []).map(({ key, value }) => [key, text(value)]),
            );
            values.push(span.name, ...Object.values(attributes));
            spans.push({ ...span, attributes });
          }
        }
      }
      response.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    values,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type OtlpReceiver = Awaited<ReturnType<typeof startOtlpReceiver>>;
