import { spawn } from "node:child_process";
import path from "node:path";
import { appEnv, capture, type Launcher } from "../../e2e/support/stack";

// The standalone server (npm run build:standalone), set up as docs/deploy.md's checklist says
// (tests/standalone/global-setup.ts).

/** Where the checklist runs it from, in a checkout of the kit. */
export const STANDALONE_SERVER_PATH = ".next/standalone/server.js";
export const STANDALONE_SERVER = path.resolve(STANDALONE_SERVER_PATH);

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
