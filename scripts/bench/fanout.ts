import Pusher from "pusher";
import { createRealtimeClient, type RealtimeClient } from "../../lib/realtime/client/client";
import { percentile } from "./load";

// N headless clients (pusher-js in Node), each a user of its own signed in with a ticket.

export type FanOutResult = {
  clients: number;
  signInMs: number;
  signInErrors: number;
  /** The codes the failed sign-ins rejected with, and how many of each. */
  errorCodes: Record<string, number>;
  deliveryP50: number;
  deliveryP99: number;
  delivered: number;
  closeP50: number;
  closeMax: number;
};

export type Stack = {
  baseUrl: string;
  soketiPort: number;
  appId: string;
  key: string;
  secret: string;
};

async function inBatches<T>(
  count: number,
  size: number,
  make: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += size) {
    const batch = Array.from({ length: Math.min(size, count - start) }, (_, i) => make(start + i));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

/**
 * Creates a user through the service endpoint; each request names its own client address, which
 * the app trusts only with TRUSTED_PROXY_HOPS=1 (the benchmark's stacks set it).
 */
async function newUser(baseUrl: string, index: number): Promise<{ id: string; ticket: string }> {
  const response = await fetch(`${baseUrl}/api/realtime/service/users`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": `198.18.${index >> 8}.${index & 255}`,
    },
    body: JSON.stringify({
      username: `bench-${Date.now().toString(36)}-${index}`,
      password: "bench-password-1234",
    }),
  });
  const body = (await response.json()) as { userTicket: string; user: { id: string } };
  if (response.status !== 201) throw new Error(`newUser answered ${response.status}`);
  return { id: body.user.id, ticket: body.userTicket };
}

export function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = Date.now() + timeoutMs;
    const poll = () => (check() || Date.now() > deadline ? resolve() : setTimeout(poll, 20));
    poll();
  });
}

export type SignedInClients = {
  users: { id: string; ticket: string }[];
  clients: RealtimeClient[];
  signInMs: number;
  signInErrors: number;
  errorCodes: Record<string, number>;
};

/** `count` new users (service authentication), each signed in by a client of its own. */
export async function signInClients(stack: Stack, count: number): Promise<SignedInClients> {
  const users = await inBatches(count, 8, (index) => newUser(stack.baseUrl, index));
  const capabilities = {
    cluster: "mt1",
    host: "127.0.0.1",
    port: stack.soketiPort,
    useTLS: false,
    baseUrl: stack.baseUrl,
    timeoutMs: 60_000,
  };
  const clients: RealtimeClient[] = users.map(() =>
    createRealtimeClient({ appKey: stack.key, capabilities }),
  );
  const signInStarted = performance.now();
  const outcomes = await Promise.allSettled(
    clients.map((client, i) => client.start(users[i]?.ticket)),
  );
  const errorCodes: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (outcome.status === "fulfilled") continue;
    const error = outcome.reason as { code?: string; status?: number };
    const code = `${error.code ?? "unknown"}${error.status ? ` (${error.status})` : ""}`;
    errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  }
  return {
    users,
    clients,
    signInMs: performance.now() - signInStarted,
    signInErrors: outcomes.filter((outcome) => outcome.status === "rejected").length,
    errorCodes,
  };
}

export async function fanOut(stack: Stack, count: number): Promise<FanOutResult> {
  const { users, clients, signInMs, signInErrors, errorCodes } = await signInClients(stack, count);
  const server = new Pusher({
    appId: stack.appId,
    key: stack.key,
    secret: stack.secret,
    host: "127.0.0.1",
    port: String(stack.soketiPort),
    useTLS: false,
  });
  try {
    const deliveries: number[] = [];
    for (const client of clients) {
      client.bindUser("bench", (data) =>
        deliveries.push(Date.now() - (data as { sentAt: number }).sentAt),
      );
    }
    await inBatches(count, 25, (i) =>
      server.sendToUser(users[i]?.id ?? "", "bench", { sentAt: Date.now() }),
    );
    await waitFor(() => deliveries.length >= count - signInErrors, 15_000);
    deliveries.sort((a, b) => a - b);

    const closes: number[] = [];
    const terminatedAt = new Array<number>(count).fill(0);
    for (const [i, client] of clients.entries()) {
      client.subscribe(() => {
        const since = terminatedAt[i] ?? 0;
        if (since && client.getSnapshot().state === "disconnected") {
          closes.push(Date.now() - since);
          terminatedAt[i] = 0;
        }
      });
    }
    await inBatches(count, 25, async (i) => {
      terminatedAt[i] = Date.now();
      await server.terminateUserConnections(users[i]?.id ?? "");
    });
    await waitFor(() => closes.length >= count - signInErrors, 15_000);
    closes.sort((a, b) => a - b);

    return {
      clients: count,
      signInMs,
      signInErrors,
      errorCodes,
      deliveryP50: percentile(deliveries, 50),
      deliveryP99: percentile(deliveries, 99),
      delivered: deliveries.length,
      closeP50: percentile(closes, 50),
      closeMax: closes.at(-1) ?? Number.NaN,
    };
  } finally {
    for (const client of clients) client.stop();
  }
}
