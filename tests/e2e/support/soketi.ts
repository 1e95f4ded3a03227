import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The bundled soketi, hardened as `npm start` runs it (see the file's header). */
const SERVER = fileURLToPath(new URL("../../../scripts/soketi/server.cjs", import.meta.url));

export type SoketiOptions = {
  port: number;
  metricsPort: number;
  appId: string;
  key: string;
  secret: string;
  /** Off makes soketi ignore sign-ins, as it does by default. */
  userAuthentication?: boolean;
  /** More SOKETI_* settings, such as the Redis adapter's. */
  env?: Record<string, string>;
};

/** A soketi server the test owns, so that it can be killed and started again. */
export async function startSoketi(options: SoketiOptions): Promise<ChildProcess> {
  const child = spawn(process.execPath, [SERVER, "start"], {
    env: {
      ...process.env,
      SOKETI_HOST: "127.0.0.1",
      SOKETI_PORT: String(options.port),
      SOKETI_METRICS_HOST: "127.0.0.1",
      SOKETI_METRICS_SERVER_PORT: String(options.metricsPort),
      SOKETI_DEFAULT_APP_ID: options.appId,
      SOKETI_DEFAULT_APP_KEY: options.key,
      SOKETI_DEFAULT_APP_SECRET: options.secret,
      SOKETI_DEFAULT_APP_USER_AUTHENTICATION: String(options.userAuthentication ?? true),
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
      ...options.env,
    },
    stdio: "ignore",
  });
  await waitForSoketi(child, options.port);
  return child;
}

/** Waits until the soketi that `child` runs answers /ready on 127.0.0.1:`port`. */
export async function waitForSoketi(child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`soketi exited with code ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => null);
    if (ready?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("soketi did not start");
}

export function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
