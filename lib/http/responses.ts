// A successful JSON answer; refusals come from the error catalog (lib/http/errors.ts).

export function jsonOk(body: unknown): Response {
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}
