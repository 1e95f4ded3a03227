/** Every refusal is JSON with a machine-readable code and a sentence for people. */
export function jsonError(
  status: number,
  error: string,
  message: string,
  headers?: HeadersInit,
  details?: Record<string, string>,
): Response {
  return Response.json(
    { error, message, ...details },
    { status, headers: { "Cache-Control": "no-store", ...headers } },
  );
}

export function jsonOk(body: unknown): Response {
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}
