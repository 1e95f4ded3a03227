// A successful JSON answer; refusals come from the error catalog (lib/http/errors.ts).

export function jsonOk(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
