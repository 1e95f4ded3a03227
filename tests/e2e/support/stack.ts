import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { APP_VARIABLE_NAMES } from "../../../lib/env-variables";
import { freePort } from "../../support/free-port";
import { kill, type SoketiOptions, startSoketi } from "./soketi";

// Every variable the app reads, blanked so that a developer's own .env cannot leak into the run
// (an empty value blocks the .env value and counts as unset). NODE_ENV is Next.js's to set.
const APP_VARIABLES = APP_VARIABLE_NAMES.filter((name) => name !== "NODE_ENV");

export type Ports = { port: number; soketiPort: number; metricsPort: number };

export type Launcher = { child: ChildProcess; output: () => string };

/** This process's environment with the app's configuration blanked, then `env` on top. */
export function appEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...Object.fromEntries(APP_VARIABLES.map((name) => [name, ""])), ...env };
}

/** Runs `npm start`'s launcher with only `env` on top of a blank app configuration. */
function startCommand(): string[] {
  const manifest = JSON.parse(readFileSync("package.json", "utf8"));
  return String(manifest.scripts.start).split(" ");
}

export function launch(
  env: Record<string, string>,
  options: { detached?: boolean } = {},
): Launcher {
  // What `npm start` runs, without npm in between (see scripts/launch.ts on why not tsx's command).
  const [command, ...args] = startCommand();
  if (command !== "node") throw new Error(`npm start runs ${command}, not node: update launch()`);
  const child = spawn(process.execPath, args, {
    env: appEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached,
  });
  return capture(child);
}

/** Keeps what a child prints, for the failure message of whoever started it. */
export function capture(child: ChildProcess): Launcher {
  let log = "";
  child.stdout?.on("data", (chunk) => {
    log += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    log += chunk;
  });
  return { child, output: () => log };
}

export async function freePorts(): Promise<Ports> {
  return { port: await freePort(), soketiPort: await freePort(), metricsPort: await freePort() };
}

export function portsEnv(ports: Ports): Record<string, string> {
  return {
    PORT: String(ports.port),
    SOKETI_PORT: String(ports.soketiPort),
    SOKETI_METRICS_PORT: String(ports.metricsPort),
  };
}

export type Stack = {
  baseURL: string;
  dataDir: string;
  soketiPort: number;
  launcher: Launcher;
  stop: () => Promise<void>;
};

/**
 * Starts the app as a newcomer would (`npm start`, no .env) on free ports with a throwaway data
 * folder, with `env` on top.
 */
export async function startStack(
  options: { detached?: boolean; env?: Record<string, string> } = {},
): Promise<Stack> {
  const ports = await freePorts();
  const dataDir = mkdtempSync(path.join(tmpdir(), "rtauth-e2e-"));
  const launcher = launch(
    { ...portsEnv(ports), DATA_DIR: dataDir, ...options.env },
    { detached: options.detached },
  );
  const { child } = launcher;
  const port = ports.port;

  const baseURL = `http://localhost:${port}`;
  try {
    await waitForHealth(`${baseURL}/api/health`, child);
  } catch (error) {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n--- server output ---\n${launcher.output()}`);
  }
  return {
    baseURL,
    dataDir,
    soketiPort: ports.soketiPort,
    launcher,
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitForHealth(url: string, child: ChildProcess) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not become healthy at ${url}`);
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * The app's settings for an external realtime server on this machine (a soketi the test owns).
 * `npm start` with an external server counts as a deployment, which must state its database:
 * these stacks keep the embedded PGlite in their DATA_DIR, on purpose.
 */
export function externalRealtimeEnv(realtime: {
  port: number;
  appId: string;
  key: string;
  secret: string;
}) {
  return {
    DATABASE_URL: "pglite",
    AUTH_SECRET: "e".repeat(32),
    PUSHER_APP_ID: realtime.appId,
    PUSHER_KEY: realtime.key,
    PUSHER_SECRET: realtime.secret,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(realtime.port),
    PUSHER_USE_TLS: "false",
    PUSHER_ENCRYPTION_MASTER_KEY: Buffer.alloc(32, 1).toString("base64"),
  };
}

export type ExternalStack = {
  baseURL: string;
  realtime: SoketiOptions;
  restartApp: () => Promise<void>;
  killRealtime: () => Promise<void>;
  startRealtime: () => Promise<void>;
  /** Freezes the realtime server (SIGSTOP): it accepts connections and never answers. */
  pauseRealtime: () => void;
  resumeRealtime: () => void;
  stop: () => Promise<void>;
};

/**
 * The app (`npm start`, with `env` on top) against a soketi of its own, which the caller may
 * kill and start again; the app may be restarted too.
 */
export async function startExternalStack(
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<ExternalStack> {
  const ports = await freePorts();
  const realtime = {
    port: ports.soketiPort,
    metricsPort: ports.metricsPort,
    appId: "1",
    key: `${name}-key`,
    secret: `${name}-secret`,
  };
  let soketi = await startSoketi(realtime);
  const dataDir = mkdtempSync(path.join(tmpdir(), `rtauth-${name}-`));
  const env = {
    ...portsEnv(ports),
    DATA_DIR: dataDir,
    ...externalRealtimeEnv(realtime),
    ...extraEnv,
  };
  const baseURL = `http://localhost:${ports.port}`;
  let app = launch(env);
  const stop = async () => {
    await stopChild(app.child);
    await kill(soketi);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(`${baseURL}/api/health`, app.child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${app.output()}`);
  }
  return {
    baseURL,
    realtime,
    async restartApp() {
      await stopChild(app.child);
      app = launch(env);
      await waitForHealth(`${baseURL}/api/health`, app.child);
    },
    killRealtime: () => kill(soketi),
    pauseRealtime: () => void soketi.kill("SIGSTOP"),
    resumeRealtime: () => void soketi.kill("SIGCONT"),
    async startRealtime() {
      soketi = await startSoketi(realtime);
    },
    stop,
  };
}
