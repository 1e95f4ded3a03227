import { RealtimeError } from "@/lib/realtime/errors";

export type AuthAnswer = Record<string, unknown> & { auth: string };

/**
 * POSTs a form to one of the app's auth endpoints, as pusher-js itself would, and returns the
 * answer or a RealtimeError of kind "http" carrying the server's code and status.
 */
export async function postAuthForm(
  url: string,
  fields: Record<string, string | undefined>,
): Promise<AuthAnswer> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined) body.set(name, value);
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
  } catch (error) {
    throw new RealtimeError("http", "network_error", `Could not reach ${url}: ${String(error)}`);
  }
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof json.auth !== "string") {
    const code = typeof json.error === "string" ? json.error : "http_error";
    const message = typeof json.message === "string" ? json.message : `HTTP ${response.status}`;
    throw new RealtimeError("http", code, message, response.status);
  }
  return json as AuthAnswer;
}

export type ServiceTicket = { userTicket: string; expiresAt: string };

/** Trades credentials for a ticket at one of the service endpoints (sessions or users). */
export async function postServiceCredentials(
  url: string,
  credentials: object,
): Promise<ServiceTicket> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(credentials),
    });
  } catch (error) {
    throw new RealtimeError("http", "network_error", `Could not reach ${url}: ${String(error)}`);
  }
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof json.userTicket !== "string") {
    const code = typeof json.error === "string" ? json.error : "http_error";
    const message = typeof json.message === "string" ? json.message : `HTTP ${response.status}`;
    throw new RealtimeError("http", code, message, response.status);
  }
  return { userTicket: json.userTicket, expiresAt: String(json.expiresAt) };
}
