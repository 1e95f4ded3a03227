import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { provisionUser } from "../../../lib/credentials/registration/provision-user";
import { DEMO_ACCOUNTS } from "../../../lib/credentials/registration/seed";
import { connectDatabase } from "../../../lib/db/connect";
import { freePort } from "../../support/free-port";
import { kill, startSoketi } from "./soketi";
import { type Launcher, launch, stopChild, waitForHealth } from "./stack";

// Two soketi nodes joined by the Redis adapter, and two app instances on one PostgreSQL
// database: app 1's browsers use node A, app 2's use node B.

export type Cluster = {
  apps: [string, string];
  nodes: [number, number];
  /** The realtime app's key, for sockets of a test's own on either node. */
  key: string;
  /** The demo accounts' password for this run. */
  password: string;
  stop: () => Promise<void>;
};

/**
 * Production servers with an external realtime server refuse to start while a demo account has
 * the published demo password, so the cluster's demo accounts get a password of their own.
 */
async function seedCluster(databaseUrl: string): Promise<string> {
  const password = randomBytes(18).toString("base64url");
  const seeding = connectDatabase({ url: databaseUrl, dataDir: "unused" });
  try {
    await seeding.migrate();
    for (const account of DEMO_ACCOUNTS) {
      const result = await provisionUser(seeding.db, {
        ...account,
        password,
        admin: account.role === "admin",
      });
      if (!result.ok) throw new Error(result.errors.join("; "));
    }
  } finally {
    await seeding.close();
  }
  return password;
}

export async function startCluster(options: {
  databaseUrl: string;
  redisUrl: string;
}): Promise<Cluster> {
  const password = await seedCluster(options.databaseUrl);
  const redis = new URL(options.redisUrl);
  const app = {
    appId: "1",
    key: randomBytes(10).toString("hex"),
    secret: randomBytes(20).toString("hex"),
  };
  const shared = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PUSHER_APP_ID: app.appId,
    PUSHER_KEY: app.key,
    PUSHER_SECRET: app.secret,
    PUSHER_ENCRYPTION_MASTER_KEY: randomBytes(32).toString("base64"),
    PUSHER_HOST: "127.0.0.1",
    PUSHER_USE_TLS: "false",
    DATABASE_URL: options.databaseUrl,
    // The suite signs the demo accounts in many times; ending the least recently used session
    // closes all of that user's sockets (terminate is per user) and would cut a test's tabs.
    MAX_SESSIONS_PER_USER: "1000",
  };
  const appPorts = [await freePort(), await freePort()] as const;
  const nodePorts = [await freePort(), await freePort()] as const;
  const soketis: ChildProcess[] = [];
  const apps: Launcher[] = [];
  const dataDirs: string[] = [];
  const stop = async () => {
    await Promise.all(apps.map((launched) => stopChild(launched.child)));
    await Promise.all(soketis.map(kill));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const webhooks = JSON.stringify([
      {
        url: `http://127.0.0.1:${appPorts[0]}/api/pusher/webhooks`,
        event_types: ["member_added", "member_removed", "channel_occupied", "channel_vacated"],
      },
    ]);
    for (const port of nodePorts) {
      soketis.push(
        await startSoketi({
          port,
          metricsPort: await freePort(),
          ...app,
          env: {
            SOKETI_ADAPTER_DRIVER: "redis",
            SOKETI_ADAPTER_REDIS_PREFIX: `rtauth-${app.key}`,
            SOKETI_DB_REDIS_HOST: redis.hostname,
            SOKETI_DB_REDIS_PORT: redis.port || "6379",
            SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: "true",
            // Pusher's own limit; soketi has none by default.
            SOKETI_DEFAULT_APP_MAX_CLIENT_EVENTS_PER_SEC: "10",
            SOKETI_DEFAULT_APP_WEBHOOKS: webhooks,
          },
        }),
      );
    }
    for (const [index, port] of appPorts.entries()) {
      const dataDir = mkdtempSync(path.join(tmpdir(), `rtauth-cluster-${index}-`));
      dataDirs.push(dataDir);
      apps.push(
        launch({
          ...shared,
          PORT: String(port),
          PUSHER_PORT: String(nodePorts[index]),
          DATA_DIR: dataDir,
          SOKETI_PORT: String(await freePort()),
          SOKETI_METRICS_PORT: String(await freePort()),
        }),
      );
    }
    const urls = appPorts.map((port) => `http://localhost:${port}`) as [string, string];
    await Promise.all(
      urls.map((url, index) =>
        waitForHealth(`${url}/api/health`, apps[index]?.child as ChildProcess),
      ),
    );
    return {
      apps: urls,
      nodes: nodePorts as unknown as [number, number],
      key: app.key,
      password,
      stop,
    };
  } catch (error) {
    await stop();
    const output = apps.map((launched, index) => `--- app ${index + 1} ---\n${launched.output()}`);
    throw new Error([(error as Error).message, ...output].join("\n"));
  }
}
