import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";

/** Resolves when nothing listens on `port`, or rejects with a message that says what to do. */
export function assertPortFree(port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `Port ${port} is already in use. Stop the process that holds it, or set ${variable} to another port.`
            : `Cannot listen on port ${port} (${variable}): ${error.message}`,
        ),
      ),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** Polls `url` until it answers 200, the child exits, or the time runs out. */
export async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`exited with code ${child.exitCode} while starting`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Starts a Node.js child; with a `prefix`, each of its output lines is prefixed with it. */
export function startChild(args: string[], env: NodeJS.ProcessEnv, prefix?: string): ChildProcess {
  if (!prefix) return spawn(process.execPath, args, { env, stdio: "inherit" });
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream?.setEncoding("utf8").on("data", (chunk: string) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) process.stdout.write(`${prefix} ${line}\n`);
    });
  }
  return child;
}

/** Stops every child that still runs: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopAll(children: ChildProcess[], graceMs = 5_000): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
          child.once("exit", () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
}
