// npm run bench [-- --profile quick|full] — builds the app with its floor page into .next, and the
// bare app outside it (bare.ts), then measures the auth path against that production build, /app
// against both floors, a reconnect storm and a fan-out, and the measures that need a feature's
// channels (below); writes bench/results/<profile>/README.md.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type BrowserContext, chromium } from "@playwright/test";
import { onlineChannel, userChannel } from "../../lib/channels/names";
import { chromiumLaunchOptions } from "../../tests/e2e/support/browser";
import { startStack } from "../../tests/e2e/support/stack";
import { buildBare, startBare } from "./bare";
import { checkFloor, PAGES, pageScripts, signInToApp, timeToSignedIn } from "./browser";
import { channelAuthSection, channelAuthTimes } from "./channels";
import { fanOut } from "./fanout";
import { type LoadResult, load } from "./load";
import { profilePage } from "./page-profile";
import { REFUSED_POST, writeReport } from "./report";
import { rotatingSignIn } from "./sessions";
import { reconnectStorm } from "./storm";
import { timeBesideOpenTabs } from "./tabs";

const profile =
  process.argv.includes("full") || process.argv.includes("--profile=full") ? "full" : "quick";
const settings =
  profile === "full" ? { seconds: 10, clients: 1_000 } : { seconds: 3, clients: 100 };
const concurrency = 16;
const FORM = { "content-type": "application/x-www-form-urlencoded" };

// The floor is a page only in a build made with BENCH_FLOOR=1 (next.config.ts), so that no
// production build ships it. This one replaces .next: `npm run build` makes a production one again.
console.log("Building the app with the benchmark's floor page (BENCH_FLOOR=1 next build)...");
const built = spawnSync(
  process.execPath,
  [path.resolve("node_modules/next/dist/bin/next"), "build"],
  {
    env: { ...process.env, BENCH_FLOOR: "1" },
    stdio: "inherit",
  },
);
if (built.status !== 0) process.exit(built.status ?? 1);
const bareDir = buildBare();

// The fan-out names each of its clients in X-Forwarded-For, as one proxy in front would, and
// creates more users than the site's hourly cap on sign-ups lets in. The realtime-session target
// holds one session per worker, more than the default limit.
const stack = await startStack({
  env: {
    TRUSTED_PROXY_HOPS: "1",
    MAX_SESSIONS_PER_USER: "1000",
    TICKETS_PER_MINUTE_PER_USER: "100000",
    SIGN_UP_MAX_PER_HOUR: "1000000",
  },
});
// 127.0.0.1, not localhost: Node's fetch would try IPv6 first on every new connection.
const origin = stack.baseURL.replace("localhost", "127.0.0.1");
const secrets = JSON.parse(readFileSync(path.join(stack.dataDir, "local-secrets.json"), "utf8"));
const bare = await startBare(bareDir, {
  appId: secrets.PUSHER_APP_ID,
  key: secrets.PUSHER_KEY,
  secret: secrets.PUSHER_SECRET,
  port: stack.soketiPort,
});
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const context = await browser.newContext({ baseURL: stack.baseURL });
  const page = await signInToApp(context, "alice", "correct-horse-battery-staple");
  await checkFloor(context);
  const userId = (await page.getByTestId("user-id").textContent()) ?? "";
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const signInWithSession = await rotatingSignIn(origin, concurrency, async () => {
    const answer = await context.request.post("/api/realtime/tickets");
    return ((await answer.json()) as { userTicket: string }).userTicket;
  });

  const post = (pathname: string, body: string, withCookie: boolean) => () =>
    fetch(`${origin}${pathname}`, {
      method: "POST",
      headers: withCookie ? { ...FORM, cookie } : FORM,
      body,
    });
  await page.close(); // No browser work competes with the load runs.
  const targets: {
    name: string;
    send: () => Promise<Response>;
    expected?: (response: Response) => boolean;
  }[] = [
    { name: "ceiling", send: () => fetch(`${origin}/api/ping`) },
    // Not a target: what any POST form costs the framework here before the app does anything.
    {
      name: REFUSED_POST,
      send: post("/api/pusher/user-auth", "socket_id=", false),
      expected: (response) => response.status === 400,
    },
    {
      name: "user-auth, NextAuth session",
      send: post("/api/pusher/user-auth", "socket_id=1234.5678", true),
    },
    { name: "user-auth, realtime session (rotates)", send: signInWithSession },
    {
      name: "channel auth, presence",
      send: post(
        "/api/pusher/auth",
        `socket_id=1234.5678&channel_name=${onlineChannel.build({})}`,
        true,
      ),
    },
    {
      name: "channel auth, private",
      send: post(
        "/api/pusher/auth",
        `socket_id=1234.5678&channel_name=${userChannel.build({ userId })}`,
        true,
      ),
    },
  ];
  // Rounds interleave every target, and each keeps its best round: on a shared, noisy machine
  // that compares what each route can do rather than what else was running at the time.
  await load(targets[0]?.send ?? (() => fetch(origin)), { concurrency, seconds: settings.seconds }); // Warm-up.
  const best = new Map<string, LoadResult>();
  for (let round = 0; round < 3; round++) {
    for (const target of targets) {
      const result = await load(target.send, {
        concurrency,
        seconds: settings.seconds,
        expected: target.expected,
      });
      const previous = best.get(target.name);
      if (!previous || result.perSecond > previous.perSecond) best.set(target.name, result);
    }
  }
  const [ceilingTarget, refusedTarget, ...endpointTargets] = targets;
  const ceiling = best.get(ceilingTarget?.name ?? "") as LoadResult;
  const refusedPost = best.get(refusedTarget?.name ?? "") as LoadResult;
  const endpoints = endpointTargets.map(({ name }) => ({
    name,
    result: best.get(name) as LoadResult,
  }));

  // The quick profile (CI's) loads each page fewer times: its figures are a check, the full
  // profile's the report.
  const runs = profile === "full" ? 20 : 12;
  const signedIn = await timeToSignedIn(context, runs, { ...PAGES, bare: bare.url });
  const beside = await timeBesideOpenTabs(context, runs, { ...PAGES, bare: bare.url });
  // A context of its own for each page has an empty cache: the scripts of a first visit.
  const storageState = await context.storageState();
  const inFreshContext = async <T>(measure: (fresh: BrowserContext) => Promise<T>) => {
    const fresh = await browser.newContext({ baseURL: stack.baseURL, storageState });
    try {
      return await measure(fresh);
    } finally {
      await fresh.close();
    }
  };
  const scripts = {
    app: await inFreshContext((fresh) => pageScripts(fresh, PAGES.app)),
    floor: await inFreshContext((fresh) => pageScripts(fresh, PAGES.floor)),
    bare: await inFreshContext((fresh) => pageScripts(fresh, bare.url)),
  };
  const profiles = {
    app: await inFreshContext((fresh) => profilePage(fresh, PAGES.app)),
    floor: await inFreshContext((fresh) => profilePage(fresh, PAGES.floor)),
  };
  // Measures that need a feature's channels, as markdown sections of the report. `npm run
  // demo:remove` takes this one out with channels.ts, whose twenty channels are the chat's rooms.
  const sections: string[][] = [channelAuthSection(await channelAuthTimes(runs))];

  const fan = await fanOut(
    {
      baseUrl: stack.baseURL,
      soketiPort: stack.soketiPort,
      appId: secrets.PUSHER_APP_ID,
      key: secrets.PUSHER_KEY,
      secret: secrets.PUSHER_SECRET,
    },
    settings.clients,
  );
  const { markdown, file } = writeReport({
    profile,
    ceiling,
    refusedPost,
    endpoints,
    signedIn,
    beside,
    scripts,
    profiles,
    sections,
    fanOut: fan,
    storm: await reconnectStorm(settings.clients),
  });
  console.log(markdown);
  console.log(`Report written to ${file}`);
} finally {
  await browser.close();
  await bare.stop();
  await stack.stop();
}
