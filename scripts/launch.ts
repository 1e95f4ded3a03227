// `npm run dev` / `npm start`: the app, plus the bundled soketi server when no external
// realtime server is configured. Both stop together. It runs as `node --import tsx`, not under
// tsx's own command: that one relays a SIGTERM and, when the child does not acknowledge it within
// 30 ms (a loaded machine), kills it with SIGKILL, which left Next.js and soketi running.
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { hostname } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nextEnv from "@next/env";
import { EnvError, launcherEnvSchema, parseEnv } from "../lib/env-schema";
import { loadLocalSecrets, localSecretsFile } from "./local-secrets";
import { assertPortFree, startChild, stopAll, waitUntilReady } from "./processes";

const arg = process.argv[2];
if (arg !== "dev" && arg !== "start") {
  console.error("Usage: node --import tsx scripts/launch.ts dev|start");
  process.exit(2);
}
const mode: "dev" | "start" = arg;

const require = createRequire(import.meta.url);
const children: ChildProcess[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await stopAll(children);
  }
  process.exit(code);
}

for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
] as const) {
  process.on(signal, () => void shutdown(code));
}

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** Fills in the local realtime app and secrets when no external realtime server is configured. */
function configureBundledRealtime(settings: { DATA_DIR: string; SOKETI_PORT: number }): boolean {
  const external = ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET"].some(
    (name) => process.env[name],
  );
  if (external) {
    process.env.REALTIME_SERVER = "external";
    return false;
  }
  const { secrets, created } = loadLocalSecrets(settings.DATA_DIR);
  for (const [name, value] of Object.entries(secrets)) process.env[name] ||= value;
  Object.assign(process.env, {
    REALTIME_SERVER: "bundled",
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(settings.SOKETI_PORT),
    PUSHER_USE_TLS: "false",
  });
  const file = path.relative(process.cwd(), localSecretsFile(settings.DATA_DIR));
  console.log(`${created ? "Generated local secrets in" : "Using local secrets from"} ${file}`);
  return true;
}

/**
 * soketi is an optional dependency, which a deployment to an external realtime server may omit.
 * It runs through scripts/soketi/server.cjs, which bounds what a socket keeps after an end.
 */
function soketiServer(): string {
  try {
    require.resolve("@soketi/soketi/bin/server.js");
    return fileURLToPath(new URL("./soketi/server.cjs", import.meta.url));
  } catch {
    fail(
      "The bundled realtime server (soketi) is not installed: it is an optional dependency.\n" +
        "  Install it with `npm ci` (its install may also have failed on this platform: see npm's output),\n" +
        "  or configure an external realtime server (PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET; see .env.example).",
    );
  }
}

async function startSoketi(settings: {
  PORT: number;
  SOKETI_PORT: number;
  SOKETI_METRICS_PORT: number;
}) {
  const webhooks = [
    {
      url: `http://127.0.0.1:${settings.PORT}/api/pusher/webhooks`,
      event_types: ["member_added", "member_removed", "channel_occupied", "channel_vacated"],
    },
  ];
  const env = {
    ...process.env,
    SOKETI_HOST: "127.0.0.1",
    SOKETI_PORT: String(settings.SOKETI_PORT),
    SOKETI_METRICS_HOST: "127.0.0.1",
    SOKETI_METRICS_SERVER_PORT: String(settings.SOKETI_METRICS_PORT),
    SOKETI_DEFAULT_APP_ID: process.env.PUSHER_APP_ID,
    SOKETI_DEFAULT_APP_KEY: process.env.PUSHER_KEY,
    SOKETI_DEFAULT_APP_SECRET: process.env.PUSHER_SECRET,
    SOKETI_DEFAULT_APP_USER_AUTHENTICATION: "true",
    SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: "true",
    // Pusher's own limit; soketi has none by default.
    SOKETI_DEFAULT_APP_MAX_CLIENT_EVENTS_PER_SEC: "10",
    SOKETI_DEFAULT_APP_WEBHOOKS: JSON.stringify(webhooks),
    // soketi's AWS SDK prints an end-of-support notice that is not ours to act on.
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
  };
  // Its cluster discovery (UDP 11002) binds every interface unless told otherwise.
  const config = `--config=${path.resolve("scripts/soketi/loopback.json")}`;
  const soketi = startChild([soketiServer(), "start", config], env, "[realtime]");
  children.push(soketi);
  soketi.on("exit", (code) => {
    if (!stopping) console.error(`The realtime server stopped (code ${code}).`);
    void shutdown(code || 1);
  });
  await waitUntilReady(`http://127.0.0.1:${settings.SOKETI_PORT}/ready`, soketi, 20_000);
  console.log(`Realtime server (soketi) listening on ws://127.0.0.1:${settings.SOKETI_PORT}`);
}

async function main() {
  nextEnv.loadEnvConfig(process.cwd(), mode === "dev");
  const settings = parseEnv(process.env, launcherEnvSchema);
  const bundled = configureBundledRealtime(settings);
  // Loopback unless HOSTNAME says otherwise; the server reads it too (lib/env-schema.ts's isDeployment),
  // and so does the check below (REALTIME_TEST_SEAM is refused beyond loopback).
  // A container exports its own name as HOSTNAME: that is not a choice to listen beyond loopback.
  if (!process.env.HOSTNAME || process.env.HOSTNAME === hostname())
    process.env.HOSTNAME = "127.0.0.1";
  // Checked as the server will see it: `next start` runs in production, `next dev` does not.
  parseEnv({ ...process.env, NODE_ENV: mode === "start" ? "production" : "development" });
  if (bundled) soketiServer();

  if (mode === "start" && !existsSync(path.join(".next", "BUILD_ID"))) {
    fail("There is no production build yet. Run `npm run build` first.");
  }
  await assertPortFree(settings.PORT, "PORT");
  if (bundled) {
    await assertPortFree(settings.SOKETI_PORT, "SOKETI_PORT");
    await assertPortFree(settings.SOKETI_METRICS_PORT, "SOKETI_METRICS_PORT");
    await startSoketi(settings);
  }

  const next = startChild(
    [
      require.resolve("next/dist/bin/next"),
      mode,
      "--port",
      String(settings.PORT),
      "--hostname",
      process.env.HOSTNAME,
    ],
    process.env,
  );
  children.push(next);
  next.on("exit", (code) => void shutdown(code ?? 1));
}

main().catch(async (error: unknown) => {
  await stopAll(children);
  if (error instanceof EnvError) fail(`${error.message}\n\nSee .env.example for every variable.`);
  fail(error instanceof Error ? error.message : String(error));
});
