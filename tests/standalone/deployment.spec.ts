import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../lib/credentials/registration/seed";
import { openApp, openTab, signUpUser } from "../e2e/fixtures";
import { AdminPage } from "../e2e/pages/admin-page";
import { QuickstartPage } from "../e2e/pages/quickstart-page";
import { createTestDatabase } from "../e2e/support/database";
import { stopChild } from "../e2e/support/stack";
import { workerStack } from "../e2e/support/worker-stack";
import { freePort } from "../support/free-port";
import { npmRun, type Process, startOrRefusal, startServer } from "./support/deployment";

// The standalone server, deployed by docs/deploy.md's checklist (tests/standalone/global-setup.ts).

const migrations: { entries: unknown[] } = JSON.parse(
  readFileSync("lib/db/migrations/meta/_journal.json", "utf8"),
);

const admin = () => ({
  username: process.env.E2E_ADMIN_USERNAME ?? "",
  password: process.env.E2E_ADMIN_PASSWORD ?? "",
});

test("a new user signs up, connects, and starts a realtime session from a ticket", async ({
  browser,
}) => {
  const { username, password } = await signUpUser(browser, "deployed");
  const user = await openApp(browser, username, password);
  await expect(user.app.badge).toHaveAttribute("data-state", "connected");
  const byTicket = await openTab(user.context);
  await expect(await byTicket.startWithTicket()).toHaveText(
    `Signed in as ${username} with the ticket.`,
  );
  await user.context.close();
});

test("the admin made by `npm run user:create` sees who is online and switches service authentication", async ({
  browser,
}) => {
  const member = await signUpUser(browser, "member");
  const online = await openApp(browser, member.username, member.password);
  const ops = await openApp(browser, admin().username, admin().password);
  const page = new AdminPage(ops.app.page);
  await page.goto();
  // The realtime server's webhooks reached the app.
  await expect(page.row(member.username).getByTestId("status")).toHaveText("online");

  // Off by default with an external realtime server; an admin may turn it on, then off.
  const state = ops.app.page.getByTestId("service-auth-state");
  await expect(state).toHaveText("Service authentication: off");
  await ops.app.page.getByRole("button", { name: "Turn on" }).click();
  await expect(state).toHaveText("Service authentication: on");
  const visitor = await browser.newContext({ baseURL: workerStack().baseURL });
  const quickstart = new QuickstartPage(await visitor.newPage());
  await quickstart.goto();
  await quickstart.submit("Start", member.username, member.password);
  await expect(quickstart.signedInAs).toHaveText(
    `Signed in to the realtime service as @${member.username}`,
  );
  await ops.app.page.getByRole("button", { name: "Turn off" }).click();
  await expect(state).toHaveText("Service authentication: off");
  await Promise.all([visitor.close(), ops.context.close(), online.context.close()]);
});

/** This deployment's settings on a database of its own, and a port of its own. */
async function anotherDeployment() {
  const database = await createTestDatabase();
  const port = await freePort();
  const env: Record<string, string> = {
    ...JSON.parse(process.env.E2E_DEPLOYMENT_ENV ?? "{}"),
    PORT: String(port),
    DATABASE_URL: database.url.toString(),
  };
  // Reached directly: HOSTNAME=127.0.0.1, and no proxy in front of this one.
  return { env, baseURL: `http://127.0.0.1:${port}`, drop: database.drop };
}

function expectNoStackTrace(...processes: Process[]) {
  for (const { output } of processes) expect(output()).not.toMatch(/^\s+at /m);
}

test("it refuses to start without a usable DATABASE_URL, and while demo accounts keep the published password", async () => {
  test.setTimeout(240_000);
  const deployment = await anotherDeployment();
  const { env, baseURL } = deployment;
  const started: Process[] = [];
  const start = (extra: Record<string, string> = {}) => {
    const server = startServer({ ...env, ...extra });
    started.push(server);
    return server;
  };
  try {
    const forgot = start({ DATABASE_URL: "" });
    expect(await startOrRefusal(forgot, baseURL)).toEqual({ exitCode: 1 });
    expect(forgot.output()).toContain(
      "DATABASE_URL is required in production with an external realtime server",
    );

    const unreachable = new URL(env.DATABASE_URL ?? "");
    unreachable.port = "1";
    const mistyped = start({ DATABASE_URL: unreachable.toString() });
    expect(await startOrRefusal(mistyped, baseURL)).toEqual({ exitCode: 1 });
    expect(mistyped.output()).toContain("The database cannot be used");

    // A database that a trial run used: `npm run db:seed` created the demo accounts.
    expect((await npmRun("db:seed", [], env)).code).toBe(0);
    const seeded = start();
    expect(await startOrRefusal(seeded, baseURL)).toEqual({ exitCode: 1 });
    expect(seeded.output()).toContain(
      "The demo accounts alice (an admin), bob, carol still have the demo password",
    );

    // The fix the refusal prints: a password nobody knows for each demo account.
    for (const { username } of DEMO_ACCOUNTS) {
      const secret = randomBytes(32).toString("base64");
      expect((await npmRun("user:create", ["--username", username], env, secret)).code).toBe(0);
    }
    expect(await startOrRefusal(start(), baseURL)).toBe("healthy");
    expectNoStackTrace(forgot, mistyped, seeded);
  } finally {
    for (const server of started) await stopChild(server.child);
    await deployment.drop();
  }
});

test("it migrates an empty database on start, unless MIGRATE_ON_START=false says a deploy step does", async () => {
  test.setTimeout(180_000);
  const deployment = await anotherDeployment();
  const { env, baseURL } = deployment;
  const started: Process[] = [];
  try {
    const early = startServer({ ...env, MIGRATE_ON_START: "false" });
    started.push(early);
    expect(await startOrRefusal(early, baseURL)).toEqual({ exitCode: 1 });
    expect(early.output()).toContain(
      `The database lacks ${migrations.entries.length} of the app's migrations`,
    );
    expect(early.output()).toContain("Run `npm run db:migrate` with this DATABASE_URL");
    expectNoStackTrace(early);

    // The container's default: the migrations shipped next to server.js apply when it starts.
    const server = startServer(env);
    started.push(server);
    expect(await startOrRefusal(server, baseURL)).toBe("healthy");
  } finally {
    for (const server of started) await stopChild(server.child);
    await deployment.drop();
  }
});
