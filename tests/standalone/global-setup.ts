import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createTestDatabase } from "../e2e/support/database";
import { kill, startSoketi } from "../e2e/support/soketi";
import { stopChild, waitForHealth } from "../e2e/support/stack";
import { exportStacks } from "../e2e/support/worker-stack";
import { startTestPostgres } from "../services";
import { freePort } from "../support/free-port";
import { deploymentEnv, npmRun, STANDALONE_SERVER, startServer } from "./support/deployment";

/**
 * The deployment the specs run against, made by the steps the README gives: a PostgreSQL
 * database of its own, `npm run db:migrate`, `npm run user:create -- --admin` with the password
 * on stdin, then `node server.js` against a self-hosted soketi, started as the README tells an
 * operator to (`node scripts/soketi/server.cjs start`: client events on, webhooks to the app,
 * every connection signed in or refused, no private subscription before sign-in).
 */
export default async function globalSetup() {
  if (!existsSync(STANDALONE_SERVER)) {
    throw new Error("There is no standalone build: run `npm run build:standalone` first.");
  }
  const cleanup: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const step of cleanup.reverse()) await step();
  };
  try {
    // TEST_DATABASE_URL's server, or a PostgreSQL embedded for the run.
    const postgres = await startTestPostgres();
    cleanup.push(postgres.stop);
    process.env.E2E_DATABASE_URL = postgres.url;
    const database = await createTestDatabase();
    cleanup.push(database.drop);
    const port = await freePort();
    const realtime = {
      port: await freePort(),
      metricsPort: await freePort(),
      appId: String(100_000 + randomBytes(2).readUInt16BE()),
      key: randomBytes(10).toString("hex"),
      secret: randomBytes(20).toString("hex"),
    };
    const soketi = await startSoketi({
      ...realtime,
      env: {
        SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: "true",
        SOKETI_DEFAULT_APP_WEBHOOKS: JSON.stringify([
          {
            url: `http://127.0.0.1:${port}/api/pusher/webhooks`,
            event_types: ["channel_occupied", "channel_vacated", "member_added", "member_removed"],
          },
        ]),
      },
    });
    cleanup.push(() => kill(soketi));
    const env = deploymentEnv({ port, databaseUrl: database.url.toString(), realtime });

    const migrated = await npmRun("db:migrate", [], env);
    if (migrated.code !== 0) throw new Error(`npm run db:migrate failed:\n${migrated.output}`);
    const admin = { username: "ops", password: randomBytes(18).toString("base64url") };
    const created = await npmRun(
      "user:create",
      ["--admin", "--username", admin.username],
      env,
      `${admin.password}\n`,
    );
    if (created.code !== 0) throw new Error(`npm run user:create failed:\n${created.output}`);

    const server = startServer(env);
    cleanup.push(() => stopChild(server.child));
    const baseURL = `http://localhost:${port}`;
    await waitForHealth(`${baseURL}/api/health`, server.child).catch((error: Error) => {
      throw new Error(`${error.message}\n--- server output ---\n${server.output()}`);
    });

    // The one stack of the run's one worker (playwright.standalone.config.ts).
    exportStacks([{ baseURL, soketiPort: realtime.port }]);
    process.env.E2E_ADMIN_USERNAME = admin.username;
    process.env.E2E_ADMIN_PASSWORD = admin.password;
    // The specs start more servers of this deployment, each on a database of its own.
    process.env.E2E_DEPLOYMENT_ENV = JSON.stringify(env);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
