import {
  createRealtimeClient,
  type RealtimeCapabilities,
  type RealtimeClient,
  type RealtimeError,
} from "../../../lib/realtime/client/client";
import { openApp, stackSecrets } from "../fixtures";
import { workerStack } from "./worker-stack";

// The realtime client in Node against the test stack: real pusher-js, the stack's soketi and app.

/** The stack's bundled soketi and app, as a client in Node finds them. */
export function stackCapabilities(options: { timeoutMs?: number } = {}): RealtimeCapabilities {
  return {
    cluster: "mt1",
    host: "127.0.0.1",
    port: workerStack().soketiPort,
    useTLS: false,
    baseUrl: workerStack().baseURL,
    timeoutMs: options.timeoutMs ?? 5_000,
  };
}

/** A client in Node with the stack's app key and capabilities; the caller stops it. */
export function stackClient(options: { timeoutMs?: number } = {}): RealtimeClient {
  return createRealtimeClient({
    appKey: stackSecrets().PUSHER_KEY,
    capabilities: stackCapabilities(options),
  });
}

/** A user ticket of `username`'s, from a browser context signed in on /app and closed again. */
export async function ticketFor(
  browser: Parameters<typeof openApp>[0],
  username: string,
): Promise<string> {
  const { context } = await openApp(browser, username);
  const response = await context.request.post("/api/realtime/tickets");
  const { userTicket } = await response.json();
  await context.close();
  return String(userTicket);
}

/** Resolves when `name` is subscribed, rejects with the client's error when refused. */
export function joined(client: RealtimeClient, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const channel = client.join(name, (error: RealtimeError) => {
      client.leave(name);
      reject(error);
    });
    channel.bind("pusher:subscription_succeeded", () => resolve());
  });
}
