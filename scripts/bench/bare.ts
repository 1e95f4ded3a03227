import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../tests/support/free-port";

// The second floor (scripts/bench/floor-app/README.md): a minimal Next.js app outside the kit's
// build. Built in a folder of its own: inside the kit's checkout, Next.js would take the kit's
// instrumentation.ts and proxy.ts for its own (the workspace root is the checkout). Its
// node_modules are the kit's, hard-linked, so that the versions are the same ones.

const SOURCE = path.resolve("scripts/bench/floor-app");
const NEXT = path.join("node_modules", "next", "dist", "bin", "next");

export type Bare = { url: string; stop: () => Promise<void> };

/** Builds the bare app in a temporary folder; its path. */
export function buildBare(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "rtauth-bare-"));
  for (const entry of ["app", "next.config.ts", "tsconfig.json"])
    cpSync(path.join(SOURCE, entry), path.join(dir, entry), { recursive: true });
  const linked = spawnSync("cp", ["-al", path.resolve("node_modules"), dir], { stdio: "inherit" });
  if (linked.status !== 0) throw new Error("Could not link node_modules for the bare app.");
  console.log("Building the bare app (scripts/bench/floor-app)...");
  const built = spawnSync(process.execPath, [NEXT, "build"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  if (built.status !== 0) throw new Error("The bare app did not build.");
  return dir;
}

/** Starts the built bare app against the stack's realtime server. */
export async function startBare(
  dir: string,
  realtime: { appId: string; key: string; secret: string; port: number },
): Promise<Bare> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [NEXT, "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: dir,
      env: {
        ...process.env,
        PUSHER_APP_ID: realtime.appId,
        PUSHER_KEY: realtime.key,
        PUSHER_SECRET: realtime.secret,
        PUSHER_HOST: "127.0.0.1",
        PUSHER_PORT: String(realtime.port),
      },
      stdio: "ignore",
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) break;
    const answer = await fetch(url).catch(() => undefined);
    if (answer?.ok) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error("The bare app did not start.");
}
