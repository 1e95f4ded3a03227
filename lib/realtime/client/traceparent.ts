// A W3C Trace Context header (https://www.w3.org/TR/trace-context/) for each auth request, so
// that the server's spans of it join one trace that starts in the browser. Written out rather
// than an OpenTelemetry web SDK: the header is all the server needs, and the SDK would weigh
// more than the rest of the client. Marked sampled, so that the server records it.

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (value) => value.toString(16).padStart(2, "0")).join("");
}

/** `00-<trace id>-<parent span id>-01`: a new trace, whose root is this request. */
export function newTraceparent(): string {
  return `00-${randomHex(16)}-${randomHex(8)}-01`;
}
