import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Pusher, { type ChannelAuthorizationCallback } from "pusher-js";
import { rooms } from "../../demo/db/schema";
import { roomChannel } from "../../demo/lib/chat/channel-names";
import { onlineChannel } from "../../lib/channels/names";
import { DEMO_PASSWORD } from "../../lib/credentials/registration/seed";
import { connectDatabase } from "../../lib/db/connect";
import { createChannelBatch } from "../../lib/realtime/client/auth/channel-batch";
import {
  freePorts,
  launch,
  portsEnv,
  stopChild,
  waitForHealth,
} from "../../tests/e2e/support/stack";
import { percentile } from "./load";

// Twenty channels subscribed at once, by plain pusher-js (Node) with two channel authorizers: the
// kit's batch (lib/realtime/client/auth/channel-batch.ts, one POST /api/pusher/auth/batch) and
// pusher-js's own way, the form it posts to /api/pusher/auth once per channel (sent with fetch:
// its Node XMLHttpRequest refuses a Cookie header). Both sign in alike, with the same NextAuth
// cookie, so only the channel auth differs. Node, not the browser: the kit's batch code runs
// unchanged there, and a production build has no seam to join channels from a page. Node opens
// as many connections as asked where a browser opens 6 per host (HTTP/1.1): one request per
// channel fares better here than it would in a page.

// Twenty channels alice may join: rooms (presence) need rows, and no API makes rooms. So the
// measure runs on a stack of its own, its PGlite seeded before it starts, which leaves the main
// stack's /app (which lists every room) as the other measures see it.
const SEEDED = Array.from({ length: 18 }, (_, index) => `bench-${index + 1}`);
const CHANNELS = [
  onlineChannel.build({}),
  ...["lobby", ...SEEDED].map((slug) => roomChannel.build({ slug })),
];
const FORM = { "content-type": "application/x-www-form-urlencoded" };

type Way = "batched" | "perChannel";
export type ChannelWay = { p50: number; p95: number; requests: number[] };
export type ChannelAuthResult = { runs: number; channels: number } & Record<Way, ChannelWay>;

type Site = { origin: string; soketiPort: number; key: string; cookie: string };

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

/** alice's NextAuth session cookie, as the sign-in form gets it. */
async function signIn(origin: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { ...FORM, cookie: cookiesOf(csrf) },
    body: new URLSearchParams({ csrfToken, username: "alice", password: DEMO_PASSWORD }),
    redirect: "manual",
  });
  const session = cookiesOf(answer);
  if (!session.includes("session-token")) throw new Error(`sign-in answered ${answer.status}`);
  return session;
}

async function answerOf(response: Response): Promise<unknown> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}`);
  return response.json();
}

/** pusher-js's channel authorizer for each way; `counted` is told of every request. */
function authorizer(site: Site, way: Way, counted: () => void) {
  const post = (pathname: string, headers: Record<string, string>, body: string) => {
    counted();
    return fetch(`${site.origin}${pathname}`, {
      method: "POST",
      headers: { ...headers, cookie: site.cookie },
      body,
    }).then(answerOf);
  };
  const batch = createChannelBatch(async (socketId, channels) => {
    const body = JSON.stringify({ socket_id: socketId, channel_names: channels });
    const answer = await post(
      "/api/pusher/auth/batch",
      { "content-type": "application/json" },
      body,
    );
    return (answer as { channels: Record<string, unknown> }).channels;
  });
  return (socketId: string, channel: string, callback: ChannelAuthorizationCallback) => {
    const answered =
      way === "batched"
        ? batch(socketId, channel)
        : post(
            "/api/pusher/auth",
            FORM,
            new URLSearchParams({ socket_id: socketId, channel_name: channel }).toString(),
          );
    answered.then(
      (answer) => callback(null, answer as { auth: string }),
      (error: Error) => callback(error, null),
    );
  };
}

/** One signed-in socket subscribes to every channel: ms until all are, and requests made. */
async function subscribeAll(site: Site, way: Way): Promise<{ ms: number; requests: number }> {
  let requests = 0;
  const authorize = authorizer(site, way, () => requests++);
  const pusher = new Pusher(site.key, {
    cluster: "mt1",
    wsHost: "127.0.0.1",
    wsPort: site.soketiPort,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    userAuthentication: {
      endpoint: "/api/pusher/user-auth",
      transport: "ajax",
      customHandler: ({ socketId }, callback) => {
        fetch(`${site.origin}/api/pusher/user-auth`, {
          method: "POST",
          headers: { ...FORM, cookie: site.cookie },
          body: new URLSearchParams({ socket_id: socketId }),
        })
          .then(answerOf)
          .then(
            (answer) => callback(null, answer as { auth: string; user_data: string }),
            (error: Error) => callback(error, null),
          );
      },
    },
    channelAuthorization: {
      endpoint: "/api/pusher/auth",
      transport: "ajax",
      customHandler: ({ socketId, channelName }, callback) =>
        authorize(socketId, channelName, callback),
    },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      pusher.connection.bind("message", (event: { event?: string }) => {
        if (event.event === "pusher:signin_success") resolve();
      });
      pusher.connection.bind("error", reject);
      pusher.signin();
    });
    requests = 0;
    const started = performance.now();
    await Promise.all(
      CHANNELS.map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const channel = pusher.subscribe(name);
            channel.bind("pusher:subscription_succeeded", () => resolve());
            channel.bind("pusher:subscription_error", (error: unknown) =>
              reject(new Error(`${name}: ${JSON.stringify(error)}`)),
            );
          }),
      ),
    );
    return { ms: performance.now() - started, requests };
  } finally {
    pusher.disconnect();
  }
}

/** The app and its soketi on a PGlite that holds the extra rooms. */
async function startSeededStack() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "rtauth-bench-channels-"));
  const connection = connectDatabase({ dataDir });
  await connection.migrate();
  await connection.db
    .insert(rooms)
    .values(SEEDED.map((slug) => ({ slug, name: slug, audience: "everyone" as const })));
  await connection.close();
  const ports = await freePorts();
  const app = launch({ ...portsEnv(ports), DATA_DIR: dataDir });
  const origin = `http://127.0.0.1:${ports.port}`;
  const stop = async () => {
    await stopChild(app.child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(`${origin}/api/health`, app.child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${app.output()}`);
  }
  const secrets = JSON.parse(readFileSync(path.join(dataDir, "local-secrets.json"), "utf8"));
  return { origin, soketiPort: ports.soketiPort, key: secrets.PUSHER_KEY as string, stop };
}

/** `runs` rounds, each way once per round, the first alternating: one warm-up round first. */
export async function channelAuthTimes(runs: number): Promise<ChannelAuthResult> {
  const stack = await startSeededStack();
  try {
    const site: Site = { ...stack, cookie: await signIn(stack.origin) };
    const seen: Record<Way, { ms: number; requests: number }[]> = { batched: [], perChannel: [] };
    for (let round = -1; round < runs; round++) {
      const order: Way[] = round % 2 === 0 ? ["batched", "perChannel"] : ["perChannel", "batched"];
      for (const way of order) {
        const result = await subscribeAll(site, way);
        if (round >= 0) seen[way].push(result);
      }
    }
    const summary = (results: { ms: number; requests: number }[]): ChannelWay => {
      const sorted = results.map(({ ms }) => ms).sort((a, b) => a - b);
      const requests = [...new Set(results.map((result) => result.requests))].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), requests };
    };
    return {
      runs,
      channels: CHANNELS.length,
      batched: summary(seen.batched),
      perChannel: summary(seen.perChannel),
    };
  } finally {
    await stack.stop();
  }
}

/** The report's section. */
export function channelAuthSection(result: ChannelAuthResult): string[] {
  const { batched, perChannel } = result;
  const row = (label: string, way: ChannelWay) =>
    `| ${label} | ${way.p50.toFixed(1)} ms | ${way.p95.toFixed(1)} ms | ${way.requests.join("–")} | ${(way.p50 / batched.p50).toFixed(2)}× | ${(way.p95 / batched.p95).toFixed(2)}× |`;
  return [
    "## Channel auth in one request",
    "",
    `One signed-in pusher-js client (Node) subscribes to ${result.channels} channels at once; the time runs from the subscribe calls until every channel reports \`subscription_succeeded\`. ${result.runs} runs of each way, interleaved, on a stack of their own whose database holds the rooms. Node opens a connection per request where a browser opens 6 per host: one request per channel is favoured here.`,
    "",
    "| channel auth | p50 | p95 | auth requests | p50 ratio to batched | p95 ratio to batched |",
    "| --- | --- | --- | --- | --- | --- |",
    row("batched: the kit's, one POST /api/pusher/auth/batch", batched),
    row("one request per channel: pusher-js's, POST /api/pusher/auth", perChannel),
    "",
  ];
}
