import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import ipaddr from "ipaddr.js";
import { listeners } from "./support/listeners";
import {
  externalRealtimeEnv,
  freePorts,
  launch,
  portsEnv,
  startStack,
  stopChild,
  waitForHealth,
} from "./support/stack";
import { expect, test } from "./test";

// The launcher behind `npm run dev` and `npm start`, driven as a terminal would drive it.

function exitCode(child: ReturnType<typeof launch>["child"]): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
  });
}

function processesInGroup(groupId: number): string[] {
  const table = execFileSync("ps", ["-eo", "pgid=,pid=,args="], { encoding: "utf8" });
  return table.split("\n").filter((line) => line.trim().split(/\s+/)[0] === String(groupId));
}

/** Signals a process that may have exited already. */
function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch {
    // Gone.
  }
}

test("a SIGTERM to the launcher alone stops the app and soketi, even while they are too busy to answer", async () => {
  const stack = await startStack({ detached: true });
  const { child } = stack.launcher;
  const groupId = child.pid ?? 0;
  // What a supervisor signals is the process that `npm start` runs, not its group. The children
  // are frozen, as a loaded machine may leave them: they cannot answer a signal at once.
  const children = processesInGroup(groupId)
    .map((line) => Number(line.trim().split(/\s+/)[1]))
    .filter((pid) => pid !== groupId);
  expect(children.length).toBeGreaterThanOrEqual(2);
  for (const pid of children) signal(pid, "SIGSTOP");
  signal(groupId, "SIGTERM");
  await exitCode(child);
  for (const pid of children) signal(pid, "SIGCONT");
  // The launcher waited for its children, or killed them: nothing of the group runs on.
  await expect.poll(() => processesInGroup(groupId), { timeout: 10_000 }).toEqual([]);
  rmSync(stack.dataDir, { recursive: true, force: true });
});

test("Ctrl-C stops the app and the realtime server; a restart keeps secrets and data", async () => {
  const stack = await startStack({ detached: true });
  const { child } = stack.launcher;
  const groupId = child.pid ?? 0;
  expect(stack.launcher.output()).toContain(
    `Generated local secrets in ${path.relative(process.cwd(), stack.dataDir)}`,
  );
  const secretsFile = path.join(stack.dataDir, "local-secrets.json");
  expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
  const secrets = JSON.parse(readFileSync(secretsFile, "utf8"));
  expect(Object.keys(secrets).sort()).toEqual(
    [
      "AUTH_SECRET",
      "PUSHER_APP_ID",
      "PUSHER_ENCRYPTION_MASTER_KEY",
      "PUSHER_KEY",
      "PUSHER_SECRET",
    ].sort(),
  );
  expect(processesInGroup(groupId).some((line) => line.includes("soketi-server"))).toBe(true);
  expect(processesInGroup(groupId).some((line) => line.includes("next-server"))).toBe(true);

  // A terminal's Ctrl-C signals the whole foreground process group.
  process.kill(-groupId, "SIGINT");
  await exitCode(child);
  await expect.poll(() => processesInGroup(groupId), { timeout: 10_000 }).toEqual([]);

  const ports = await freePorts();
  const again = launch({ ...portsEnv(ports), DATA_DIR: stack.dataDir });
  try {
    await waitForHealth(`http://localhost:${ports.port}/api/health`, again.child);
    expect(again.output()).toContain("Using local secrets from");
    expect(again.output()).not.toContain("Demo accounts");
    expect(JSON.parse(readFileSync(secretsFile, "utf8"))).toEqual(secrets);
  } finally {
    await stopChild(again.child);
    rmSync(stack.dataDir, { recursive: true, force: true });
  }
});

test("a port already in use gets a clear message, not a stack trace", async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, resolve));
  const busy = (blocker.address() as net.AddressInfo).port;
  const dataDir = mkdtempSync(path.join(tmpdir(), "rtauth-port-"));
  try {
    const ports = await freePorts();
    const launcher = launch({ ...portsEnv({ ...ports, soketiPort: busy }), DATA_DIR: dataDir });
    expect(await exitCode(launcher.child)).toBe(1);
    expect(launcher.output()).toContain(
      `Port ${busy} is already in use. Stop the process that holds it, or set SOKETI_PORT to another port.`,
    );
    expect(launcher.output()).not.toMatch(/^\s+at /m);
  } finally {
    blocker.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a hosted Pusher configuration that lacks a variable stops start-up and names it", async () => {
  const launcher = launch({
    ...portsEnv(await freePorts()),
    PUSHER_KEY: "key",
    PUSHER_CLUSTER: "eu",
  });
  expect(await exitCode(launcher.child)).toBe(1);
  const output = launcher.output();
  for (const name of ["AUTH_SECRET", "PUSHER_APP_ID", "PUSHER_SECRET"]) {
    expect(output).toContain(`${name} is required`);
  }
  // Only encrypted channels need it; without it they are refused (503), nothing else.
  expect(output).not.toContain("PUSHER_ENCRYPTION_MASTER_KEY");
  expect(output).not.toContain("soketi");
});

test("a production start with an external realtime server must state its database", async () => {
  const launcher = launch({
    ...portsEnv(await freePorts()),
    ...externalRealtimeEnv({ port: 6001, appId: "1", key: "key", secret: "secret" }),
    DATABASE_URL: "",
  });
  expect(await exitCode(launcher.child)).toBe(1);
  expect(launcher.output()).toContain(
    "DATABASE_URL is required in production with an external realtime server",
  );
  expect(launcher.output()).not.toMatch(/^\s+at /m);
});

test("health answers 503 when the realtime server cannot be reached", async () => {
  const ports = await freePorts();
  const dataDir = mkdtempSync(path.join(tmpdir(), "rtauth-503-"));
  const launcher = launch({
    ...portsEnv(ports),
    DATA_DIR: dataDir,
    AUTH_SECRET: "a".repeat(32),
    PUSHER_APP_ID: "1",
    PUSHER_KEY: "key",
    PUSHER_SECRET: "secret",
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(ports.soketiPort), // Nothing listens there.
    PUSHER_USE_TLS: "false",
    PUSHER_ENCRYPTION_MASTER_KEY: Buffer.alloc(32, 1).toString("base64"),
    DATABASE_URL: "pglite",
  });
  try {
    const url = `http://localhost:${ports.port}/api/health`;
    const response = await expect
      .poll(async () => (await fetch(url).catch(() => null))?.status, { timeout: 60_000 })
      .toBe(503)
      .then(() => fetch(url));
    expect(await response.json()).toEqual({ ok: false, db: true, realtime: false });
  } finally {
    await stopChild(launcher.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("with no .env, the app and the realtime server listen on loopback only", async () => {
  test.setTimeout(120_000);
  const stack = await startStack();
  try {
    const found = listeners(stack.launcher.child.pid ?? 0);
    const ports = found.map((listener) => listener.port);
    const appPort = Number(new URL(stack.baseURL).port);
    expect(ports).toEqual(expect.arrayContaining([appPort, stack.soketiPort]));
    // soketi's cluster discovery (UDP) included: nothing answers another machine.
    expect(
      found.filter((listener) => ipaddr.process(listener.host).range() !== "loopback"),
    ).toEqual([]);
  } finally {
    await stack.stop();
  }
});

test("listening beyond loopback counts as a deployment: the demo passwords are refused", async () => {
  test.setTimeout(240_000); // Three launches.
  const dataDir = mkdtempSync(path.join(tmpdir(), "rtauth-lan-"));
  const start = async (env: Record<string, string>) => {
    const ports = await freePorts();
    const launcher = launch({ ...portsEnv(ports), DATA_DIR: dataDir, ...env });
    return { launcher, health: `http://localhost:${ports.port}/api/health` };
  };
  try {
    // A fresh data folder opened to the LAN gets no demo accounts.
    const lan = await start({ HOSTNAME: "0.0.0.0" });
    await waitForHealth(lan.health, lan.launcher.child);
    await stopChild(lan.launcher.child);
    expect(lan.launcher.output()).not.toContain("Demo accounts");

    const local = await start({});
    await waitForHealth(local.health, local.launcher.child);
    await stopChild(local.launcher.child);
    expect(local.launcher.output()).toContain("Demo accounts");

    // The same data, now with alice on the README's password, is refused on every interface.
    const refused = await start({ HOSTNAME: "0.0.0.0" });
    expect(await exitCode(refused.launcher.child)).toBe(1);
    expect(refused.launcher.output()).toContain(
      "✖ The demo accounts alice (an admin), bob, carol still have the demo password that the README publishes",
    );
    expect(refused.launcher.output()).not.toMatch(/^\s+at /m);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
