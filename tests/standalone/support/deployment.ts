import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { appEnv, capture, type Launcher } from "../../e2e/support/stack";

// The standalone server (npm run build:standalone) set up as the README's "Deploy" says: every
// secret given, nothing generated, the realtime server configured the way hosted Pusher is.

export const STANDALONE_SERVER = path.resolve(".next/standalone/server.js");

export type Realtime = { port: number; appId: string; key: string; secret: string };

export function deploymentEnv(options: {
  port: number;
  databaseUrl: string;
  realtime: Realtime;
}): Record<string, string> {
  return {
    PORT: String(options.port),
    // As in the Dockerfile: a container's HOSTNAME names the container, not an address.
    HOSTNAME: "0.0.0.0",
    DATABASE_URL: options.databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    PUSHER_APP_ID: options.realtime.appId,
    PUSHER_KEY: options.realtime.key,
    PUSHER_SECRET: options.realtime.secret,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(options.realtime.port),
    PUSHER_USE_TLS: "false",
    PUSHER_ENCRYPTION_MASTER_KEY: randomBytes(32).toString("base64"),
  };
}

export type Process = Launcher;

/** `node server.js`, as the container runs it. */
export function startServer(env: Record<string, string>): Process {
  return capture(
    spawn(process.execPath, [STANDALONE_SERVER], {
      env: appEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}

/** `npm run <script> -- <args>` as a deploy step runs it, with `input` on stdin. */
export function npmRun(
  script: string,
  args: string[],
  env: Record<string, string>,
  input = "",
): Promise<{ code: number | null; output: string }> {
  const npm = capture(
    spawn("npm", ["run", "--silent", script, "--", ...args], {
      env: appEnv(env),
      stdio: ["pipe", "pipe", "pipe"],
    }),
  );
  npm.child.stdin?.end(input);
  return new Promise((resolve) => {
    npm.child.once("exit", (code) => resolve({ code, output: npm.output() }));
  });
}

/** Whether the server came up healthy or stopped first, and with which exit code. */
export async function startOrRefusal(
  server: Process,
  baseURL: string,
): Promise<"healthy" | { exitCode: number | null }> {
  const exited = new Promise<{ exitCode: number | null }>((resolve) => {
    if (server.child.exitCode !== null) resolve({ exitCode: server.child.exitCode });
    server.child.once("exit", (exitCode) => resolve({ exitCode }));
  });
  while (server.child.exitCode === null && server.child.signalCode === null) {
    const health = await fetch(`${baseURL}/api/health`).catch(() => null);
    if (health?.ok) return "healthy";
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
  return exited;
}
