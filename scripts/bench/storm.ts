import Pusher from "pusher";
import { userChannel } from "../../lib/channels/names";
import type { RealtimeClient } from "../../lib/realtime/client/client";
import { startExternalStack } from "../../tests/e2e/support/stack";
import { signInClients, waitFor } from "./fanout";

// A reconnect storm: `count` signed-in clients, each subscribed to its own private channel (which
// the app authorizes) and to one shared room, lose the realtime server, which comes back.

export type StormResult = {
  clients: number;
  /** Signed in again and both channels subscribed again, after the server was back. */
  recovered: number;
  /** From the server being ready again to the last client recovered. */
  recoveryMs: number;
  /** Refused or failed sign-ins and channel authorizations, after the first sign-in. */
  errors: number;
  /** Requests to the app's auth endpoints (user-auth and channel auth) during the recovery. */
  authRequests: number;
  /** The most of those that started within one second. */
  peakAuthPerSecond: number;
  /** Room messages the server accepted while a client was subscribed that it never received. */
  lost: number;
  /** Room messages checked: those sent before the kill and after every client was back. */
  checked: number;
  /** Messages the server accepted while some clients were still re-subscribing (see the README). */
  duringRecovery: number;
};

const ROOM = "storm-room";

/** The most timestamps (ms) within any window of `windowMs`. */
function peakPerWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= windowMs) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

const signedIn = (client: RealtimeClient | undefined) => client?.getSnapshot().user != null;

/** Both channels of a client report subscription_succeeded: resolves at the later of the two. */
function subscribedAgain(client: RealtimeClient, channels: string[]): () => number | null {
  const at = new Map<string, number>();
  for (const name of channels) {
    client.join(name).bind("pusher:subscription_succeeded", () => at.set(name, Date.now()));
  }
  return () => (at.size === channels.length ? Math.max(...at.values()) : null);
}

export async function reconnectStorm(count: number): Promise<StormResult> {
  // Service authentication creates the users, as in the fan-out, behind a proxy as there. Each
  // user is one device: the limit per user plays no part.
  const stack = await startExternalStack("bench", {
    SERVICE_AUTH: "on",
    TRUSTED_PROXY_HOPS: "1",
    // More users than the site's hourly cap on sign-ups lets in.
    SIGN_UP_MAX_PER_HOUR: "1000000",
  });
  const { realtime } = stack;
  const server = new Pusher({
    appId: realtime.appId,
    key: realtime.key,
    secret: realtime.secret,
    host: "127.0.0.1",
    port: String(realtime.port),
    useTLS: false,
  });
  const { users, clients } = await signInClients(
    {
      baseUrl: stack.baseURL.replace("localhost", "127.0.0.1"),
      soketiPort: realtime.port,
      appId: realtime.appId,
      key: realtime.key,
      secret: realtime.secret,
    },
    count,
  );
  let counting = false;
  const authCalls: number[] = [];
  let errors = 0;
  const received = clients.map(() => new Set<number>());
  const subscriptions = clients.map((client, i) => {
    client.observe((observation) => {
      if (!counting) return;
      if (observation.type === "http") authCalls.push(Date.parse(observation.at));
      if (observation.type === "signin-failed" || observation.type === "channel-refused") errors++;
    });
    client.join(ROOM).bind("message", (data: { seq: number }) => received[i]?.add(data.seq));
    return subscribedAgain(client, [userChannel.build({ userId: users[i]?.id ?? "" }), ROOM]);
  });
  const recoveredAt = () => subscriptions.map((since) => since());

  // One room message every 100 ms throughout; one that the server refuses (it is down) is
  // dropped, as the protocol has no queue: `sent` holds those it accepted, with when.
  const sent: { seq: number; at: number }[] = [];
  let publishing = true;
  const publisher = (async () => {
    for (let seq = 0; publishing; seq++) {
      const at = Date.now();
      const ok = await server
        .trigger(ROOM, "message", { seq })
        .then(() => true)
        .catch(() => false);
      if (ok) sent.push({ seq, at });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();

  try {
    await waitFor(() => recoveredAt().every((at) => at !== null), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const killedAt = Date.now();
    await stack.killRealtime();
    await waitFor(() => clients.every((client) => client.getSnapshot().user === null), 10_000);
    counting = true;
    await stack.startRealtime();
    const back = Date.now();
    const recovered = () =>
      recoveredAt().filter((at, i) => at !== null && at > back && signedIn(clients[i])).length;
    await waitFor(() => recovered() === count, 60_000);
    const allBack = Math.max(back, ...recoveredAt().map((at) => at ?? back));
    const recoveryMs = allBack - back;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    counting = false;
    publishing = false;
    await publisher;
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Every client was subscribed before the kill and again after allBack: what the server
    // accepted in those spans must have reached every one of them.
    const checked = sent.filter(({ at }) => at < killedAt || at > allBack);
    let lost = 0;
    for (const seen of received) {
      for (const { seq } of checked) if (!seen.has(seq)) lost++;
    }
    return {
      clients: count,
      recovered: recovered(),
      recoveryMs,
      errors,
      authRequests: authCalls.length,
      peakAuthPerSecond: peakPerWindow(authCalls, 1_000),
      lost,
      checked: checked.length,
      duringRecovery: sent.filter(({ at }) => at >= back && at <= allBack).length,
    };
  } finally {
    publishing = false;
    for (const client of clients) client.stop();
    await stack.stop();
  }
}
