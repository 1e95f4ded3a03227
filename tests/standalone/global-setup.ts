import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createTestDatabase } from "../e2e/support/database";
import { kill, waitForSoketi } from "../e2e/support/soketi";
import { appEnv, stopChild, waitForHealth } from "../e2e/support/stack";
import { exportStacks } from "../e2e/support/worker-stack";
import { startTestPostgres } from "../services";
import { freePort } from "../support/free-port";
import {
  codeOf,
  parseCommand,
  readChecklist,
  type Step,
  type StepTitle,
} from "./support/checklist";
import {
  npmRun,
  STANDALONE_SERVER,
  STANDALONE_SERVER_PATH,
  startServer,
} from "./support/deployment";
import { startProxy } from "./support/proxy";

/**
 * The deployment the specs run against, made by following docs/deploy.md's "A single server,
 * step by step" as written: its environment file, then its steps in its order, each running the
 * command the doc gives (read from the doc: tests/standalone/support/checklist.ts).
 *
 * What this machine cannot have stands in, and only that: the `…` the doc leaves to the reader
 * (the database, the secrets), free ports for the doc's fixed ones, and no TLS. Caddy is a
 * plain-HTTP proxy with Caddy's headers (support/proxy.ts), so the public name
 * `https://chat.example.com` becomes the proxy's `http://127.0.0.1:<port>`, `ws.chat.example.com`
 * its second proxy, and PUSHER_USE_TLS false.
 */
export default async function globalSetup() {
  const checklist = readChecklist();
  const cleanup: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const step of cleanup.reverse()) await step();
  };
  try {
    const ports = {
      app: await freePort(),
      soketi: await freePort(),
      metrics: await freePort(),
      site: await freePort(),
      ws: await freePort(),
    };
    const publicOrigin = "https://chat.example.com";
    const siteOrigin = `http://127.0.0.1:${ports.site}`;
    const standIns: Record<string, string> = {
      AUTH_SECRET: randomBytes(32).toString("base64"),
      AUTH_URL: siteOrigin,
      PORT: String(ports.app),
      PUSHER_APP_ID: String(100_000 + randomBytes(2).readUInt16BE()),
      PUSHER_KEY: randomBytes(10).toString("hex"),
      PUSHER_SECRET: randomBytes(20).toString("hex"),
      PUSHER_ENCRYPTION_MASTER_KEY: randomBytes(32).toString("base64"),
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(ports.ws),
      PUSHER_USE_TLS: "false",
    };
    const env: Record<string, string> = { ...checklist.env };
    for (const [name, value] of Object.entries(standIns)) {
      if (!(name in env)) throw new Error(`docs/deploy.md's environment file has no ${name}.`);
      env[name] = value;
    }
    let server: ReturnType<typeof startServer> | undefined;
    const admin = { username: "", password: randomBytes(18).toString("base64url") };

    /** An `npm run <script> -- <args>` of the doc, run as written. */
    const runNpm = async (command: string, input = "") => {
      const [npm, run, script = "", separator, ...args] = command.split(" ");
      if (npm !== "npm" || run !== "run" || (separator !== undefined && separator !== "--")) {
        throw new Error(`Not an \`npm run\` command: ${command}`);
      }
      const done = await npmRun(script, args, env, input);
      if (done.code !== 0) throw new Error(`${command} failed:\n${done.output}`);
    };

    const follow: Record<StepTitle, (step: Step) => Promise<void>> = {
      "The database.": async () => {
        // TEST_DATABASE_URL's server, or a PostgreSQL embedded for the run.
        const postgres = await startTestPostgres();
        cleanup.push(postgres.stop);
        process.env.E2E_DATABASE_URL = postgres.url;
        const database = await createTestDatabase();
        cleanup.push(database.drop);
        env.DATABASE_URL = database.url.toString();
      },
      // `npm run test:standalone` ran it before Playwright; `npm ci` is CI's first step.
      "The build.": async (step) => {
        codeOf(step, "npm ci && npm run build:standalone");
        if (!existsSync(STANDALONE_SERVER)) {
          throw new Error("There is no standalone build: run `npm run build:standalone` first.");
        }
      },
      "The schema.": (step) => runNpm(codeOf(step, "npm run db:migrate")),
      "The first admin.": async (step) => {
        const command = codeOf(step, "npm run user:create");
        admin.username = command.match(/--username (\S+)/)?.[1] ?? "";
        await runNpm(command, `${admin.password}\n`);
      },
      "The realtime server.": async (step) => {
        const command = parseCommand(codeOf(step, "SOKETI_"), env);
        const soketiEnv = {
          ...command.env,
          SOKETI_PORT: String(ports.soketi),
          SOKETI_METRICS_SERVER_PORT: String(ports.metrics),
          SOKETI_DEFAULT_APP_WEBHOOKS: (command.env.SOKETI_DEFAULT_APP_WEBHOOKS ?? "").replaceAll(
            publicOrigin,
            siteOrigin,
          ),
        };
        const [node, ...args] = command.argv;
        if (node !== "node") throw new Error(`Not a node command: ${command.argv.join(" ")}`);
        const soketi = spawn(process.execPath, args, {
          env: appEnv({ ...env, ...soketiEnv }),
          stdio: "ignore",
        });
        cleanup.push(() => kill(soketi));
        await waitForSoketi(soketi, ports.soketi);
      },
      "The app.": async (step) => {
        if (codeOf(step, "node ") !== `node ${STANDALONE_SERVER_PATH}`) {
          throw new Error(`The app's step should run node ${STANDALONE_SERVER_PATH}.`);
        }
        const started = startServer(env);
        server = started;
        cleanup.push(() => stopChild(started.child));
      },
      "TLS, and the WebSocket upgrade.": async () => {
        for (const [port, target] of [
          [ports.site, ports.app],
          [ports.ws, ports.soketi],
        ] as const) {
          const proxy = await startProxy(port, target);
          cleanup.push(proxy.close);
        }
      },
      "The check.": async (step) => {
        const url = codeOf(step, "curl ").slice("curl ".length).replace(publicOrigin, siteOrigin);
        if (!server) throw new Error("The check comes before the app's step.");
        const { child, output } = server;
        await waitForHealth(url, child).catch((error: Error) => {
          throw new Error(`${error.message}\n--- server output ---\n${output()}`);
        });
      },
    };
    for (const step of checklist.steps) await follow[step.title](step);

    // The one stack of the run's one worker (playwright.standalone.config.ts).
    exportStacks([{ baseURL: siteOrigin, soketiPort: ports.ws }]);
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
