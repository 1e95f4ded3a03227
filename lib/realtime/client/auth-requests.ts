import { parseErrorBody } from "@/lib/http/error-body";
import type { ChannelBatchRequest } from "@/lib/realtime/channel-batch";
import type { HttpCall, Ticket } from "@/lib/realtime/client/client-types";
import { RealtimeError, SessionEndedError } from "@/lib/realtime/client/errors";
import { newTraceparent } from "@/lib/realtime/client/traceparent";
import { sessionEndCode } from "@/lib/realtime/session-ended";

// The HTTP side of signing in: what pusher-js's custom handlers and start() send to the app.

type OnCall = (call: HttpCall) => void;

/** fetch, reporting the call's method, path, status and duration; each call starts a trace. */
async function timedFetch(url: string, init: RequestInit, onCall?: OnCall): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("traceparent", newTraceparent());
  const started = performance.now();
  const path = new URL(url, "http://relative").pathname;
  const report = (status: number) =>
    onCall?.({
      method: init.method ?? "GET",
      path,
      status,
      ms: Math.round(performance.now() - started),
    });
  try {
    const response = await fetch(url, { ...init, headers });
    report(response.status);
    return response;
  } catch (error) {
    report(0);
    throw new RealtimeError("http", "network_error", `Could not reach ${url}: ${String(error)}`);
  }
}

/**
 * The JSON answer when it has `field` (a string, or an object for `kind` "object"), else a
 * RealtimeError with the server's code and status.
 */
async function answer(
  response: Response,
  field: string,
  kind: "string" | "object" = "string",
): Promise<Record<string, unknown>> {
  const json: unknown = await response.json().catch(() => ({}));
  const fields = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
  if (response.ok && typeof fields[field] === kind && fields[field] !== null) return fields;
  // The error catalog's wire format (lib/http/errors.ts); anything else is a bare HTTP error.
  const refused = parseErrorBody(json);
  const code = refused?.error ?? "http_error";
  const message = refused?.message ?? `HTTP ${response.status}`;
  if (code === "session_ended") {
    const reason = refused?.reason ?? "session_ended";
    throw new SessionEndedError(sessionEndCode(reason), reason, message, response.status);
  }
  throw new RealtimeError("http", code, message, response.status);
}

export type AuthAnswer = Record<string, unknown> & { auth: string };

/** POSTs a form to one of the app's auth endpoints, as pusher-js itself would. */
export async function postAuthForm(
  url: string,
  fields: Record<string, string | undefined>,
  onCall?: OnCall,
  /** The field a good answer has: `auth`, or `session` for a rotation. */
  field = "auth",
): Promise<AuthAnswer> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) body.set(name, value);
  }
  const response = await timedFetch(
    url,
    { method: "POST", body, credentials: "same-origin" },
    onCall,
  );
  return (await answer(response, field)) as AuthAnswer;
}

/** POSTs a list of channels to /api/pusher/auth/batch: an answer or a refusal for each. */
export async function postChannelBatch(
  url: string,
  request: ChannelBatchRequest,
  onCall?: OnCall,
): Promise<Record<string, unknown>> {
  const init: RequestInit = {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
    credentials: "same-origin",
  };
  const json = await answer(await timedFetch(url, init, onCall), "channels", "object");
  return json.channels as Record<string, unknown>;
}

/**
 * Asks for a ticket: from the backend for the signed-in user (no credentials), or from a
 * service endpoint in exchange for credentials.
 */
export async function requestTicket(
  url: string,
  credentials?: object,
  onCall?: OnCall,
): Promise<Ticket> {
  const init: RequestInit = credentials
    ? {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(credentials),
      }
    : { method: "POST", credentials: "same-origin" };
  const json = await answer(await timedFetch(url, init, onCall), "userTicket");
  return { userTicket: String(json.userTicket), expiresAt: String(json.expiresAt) };
}
