import { type APIRequestContext, type APIResponse, request as requests } from "@playwright/test";
import { workerStack } from "./worker-stack";

// A stolen cookie, replayed from anywhere: a client in Node that sends only that cookie.

export function replay(cookie: string): Promise<APIRequestContext> {
  return requests.newContext({
    baseURL: workerStack().baseURL,
    extraHTTPHeaders: { cookie },
  });
}

/** Each call's status and error code, by name: "200", or "401 session_ended". */
export async function answers(
  calls: Record<string, Promise<APIResponse>>,
): Promise<Record<string, string>> {
  const answered: Record<string, string> = {};
  for (const [name, pending] of Object.entries(calls)) {
    const response = await pending;
    const body = await response.json().catch(() => ({}));
    answered[name] = `${response.status()} ${body.error ?? ""}`.trim();
  }
  return answered;
}

/** A urlencoded form body, as pusher-js posts channel auth and user auth. */
export function form(data: Record<string, string>) {
  return {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: new URLSearchParams(data).toString(),
  };
}
