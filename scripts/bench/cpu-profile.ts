// npm run bench:cpu — where the app server's CPU time goes while the auth endpoints are under
// load: a V8 CPU profile of `next start` (production build), mapped back to the sources, written
// as bench/results/cpu/README.md.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { onlineChannel, userChannel } from "../../lib/channels/names";
import { chromiumLaunchOptions } from "../../tests/e2e/support/browser";
import { kill, startSoketi } from "../../tests/e2e/support/soketi";
import {
  appEnv,
  externalRealtimeEnv,
  freePorts,
  stopChild,
  waitForHealth,
} from "../../tests/e2e/support/stack";
import { signInToApp } from "./browser";
import { load } from "./load";
import { summarizeProfile } from "./profile-summary";
import { rotatingSignIn } from "./sessions";

const require = createRequire(import.meta.url);
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const PASSWORD = "profile-password-1234";

const ports = await freePorts();
const realtime = {
  port: ports.soketiPort,
  metricsPort: ports.metricsPort,
  appId: "1",
  key: "profile-key",
  secret: "profile-secret",
};
const soketi = await startSoketi(realtime);
const dataDir = mkdtempSync(path.join(tmpdir(), "rtauth-cpu-"));
const profileDir = mkdtempSync(path.join(tmpdir(), "rtauth-cpu-profile-"));
// `next start` itself, not the launcher: Node refuses --cpu-prof in NODE_OPTIONS.
const next = spawn(
  process.execPath,
  [
    "--cpu-prof",
    "--cpu-prof-dir",
    profileDir,
    require.resolve("next/dist/bin/next"),
    "start",
    "--port",
    String(ports.port),
  ],
  {
    // Sixteen realtime sessions of one user, more than the default limit.
    env: appEnv({
      DATA_DIR: dataDir,
      SERVICE_AUTH: "on",
      MAX_SESSIONS_PER_USER: "1000",
      ...externalRealtimeEnv(realtime),
    }),
    stdio: "ignore",
  },
);
const origin = `http://127.0.0.1:${ports.port}`;
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  await waitForHealth(`${origin}/api/health`, next);
  const username = `profile-${Date.now().toString(36)}`;
  const created = await fetch(`${origin}/api/realtime/service/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { user } = (await created.json()) as { user: { id: string } };
  const context = await browser.newContext({ baseURL: `http://localhost:${ports.port}` });
  await signInToApp(context, username, PASSWORD);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const signInWithSession = await rotatingSignIn(origin, 16, async () => {
    const answer = await context.request.post("/api/realtime/tickets");
    return ((await answer.json()) as { userTicket: string }).userTicket;
  });
  await context.close();

  const post = (pathname: string, body: string, withCookie: boolean) => () =>
    fetch(`${origin}${pathname}`, {
      method: "POST",
      headers: withCookie ? { ...FORM, cookie } : FORM,
      body,
    });
  const targets = [
    post("/api/pusher/user-auth", "socket_id=1234.5678", true),
    signInWithSession,
    post("/api/pusher/auth", `socket_id=1234.5678&channel_name=${onlineChannel.build({})}`, true),
    post(
      "/api/pusher/auth",
      `socket_id=1234.5678&channel_name=${userChannel.build({ userId: user.id })}`,
      true,
    ),
  ];
  let requests = 0;
  for (const send of targets) {
    const result = await load(send, { concurrency: 16, seconds: 5 });
    if (result.errors > 0) throw new Error(`${result.errors} requests failed`);
    requests += result.requests;
  }
  await stopChild(next);

  const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error("next start wrote no CPU profile");
  const profile = JSON.parse(readFileSync(path.join(profileDir, file), "utf8"));
  const markdown = summarizeProfile(profile, {
    title: `CPU profile of the app server: ${requests} auth requests in 20 s`,
    note: "The profile covers the whole server process: its start (migrations, first compiles) and one browser sign-in as well as the load, which is user-auth by cookie and by realtime session, then presence and private channel auth, 5 s each at 16 concurrent requests.",
    root: process.cwd(),
  });
  const out = path.join("bench", "results", "cpu");
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "README.md"), markdown);
  console.log(markdown);
} finally {
  await browser.close();
  await stopChild(next);
  await kill(soketi);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
}
