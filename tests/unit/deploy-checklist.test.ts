import { describe, expect, it } from "vitest";
import {
  codeOf,
  parseCommand,
  parseEnvFile,
  readChecklist,
  STEPS,
  type Step,
} from "../standalone/support/checklist";

// docs/deploy.md's single-server checklist is what `npm run test:standalone` follows: its setup
// reads the doc's environment file and commands (tests/standalone/global-setup.ts). This keeps the
// doc in the shape the setup reads, and right on the points the setup cannot see, at unit speed.

const checklist = readChecklist();
const step = (title: (typeof STEPS)[number]) =>
  checklist.steps.find((one) => one.title === title) as Step;

describe("docs/deploy.md's single-server checklist", () => {
  it("has the steps the standalone setup follows, in its order", () => {
    expect(checklist.steps.map(({ title }) => title)).toEqual([...STEPS]);
  });

  it("gives the commands the setup runs", () => {
    expect(codeOf(step("The build."), "npm ci")).toBe("npm ci && npm run build:standalone");
    expect(codeOf(step("The schema."), "npm run")).toBe("npm run db:migrate");
    expect(codeOf(step("The first admin."), "npm run")).toBe(
      "npm run user:create -- --admin --username you",
    );
    expect(codeOf(step("The app."), "node ")).toBe("node .next/standalone/server.js");
    expect(codeOf(step("The check."), "curl ")).toBe("curl https://chat.example.com/api/health");
  });

  it("has an environment file of a deployment behind one proxy, the secrets left to fill in", () => {
    expect(checklist.env).toMatchObject({
      AUTH_URL: "https://chat.example.com",
      TRUSTED_PROXY_HOPS: "1",
      HOSTNAME: "127.0.0.1",
      PUSHER_USE_TLS: "true",
    });
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "PUSHER_SECRET"]) {
      expect(checklist.env[name], name).toContain("…");
    }
  });

  it("runs the kit's soketi with the bundled server's settings, on loopback", () => {
    const soketi = parseCommand(codeOf(step("The realtime server."), "SOKETI_"), checklist.env);
    expect(soketi.argv).toEqual([
      "node",
      "scripts/soketi/server.cjs",
      "start",
      "--config=scripts/soketi/loopback.json",
    ]);
    expect(soketi.env).toMatchObject({
      SOKETI_HOST: "127.0.0.1",
      SOKETI_METRICS_HOST: "127.0.0.1",
      SOKETI_DEFAULT_APP_ID: checklist.env.PUSHER_APP_ID,
      SOKETI_DEFAULT_APP_SECRET: checklist.env.PUSHER_SECRET,
      SOKETI_DEFAULT_APP_USER_AUTHENTICATION: "true",
      SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: "true",
      SOKETI_DEFAULT_APP_MAX_CLIENT_EVENTS_PER_SEC: "10",
    });
    const webhooks = JSON.parse(soketi.env.SOKETI_DEFAULT_APP_WEBHOOKS ?? "");
    expect(webhooks).toEqual([
      {
        url: `${checklist.env.AUTH_URL}/api/pusher/webhooks`,
        event_types: ["channel_occupied", "channel_vacated", "member_added", "member_removed"],
      },
    ]);
  });

  it("has Caddy send each name to where the app and soketi listen", () => {
    const soketi = parseCommand(codeOf(step("The realtime server."), "SOKETI_"), checklist.env);
    const caddyfile = codeOf(step("TLS, and the WebSocket upgrade."), "chat.example.com {");
    const site = (name: string) =>
      caddyfile.match(
        new RegExp(`^${name.replaceAll(".", "\\.")} \\{\\n\\s*reverse_proxy (\\S+)`, "m"),
      )?.[1];
    expect(site(new URL(checklist.env.AUTH_URL ?? "").host)).toBe(
      `${checklist.env.HOSTNAME}:${checklist.env.PORT}`,
    );
    expect(site(checklist.env.PUSHER_HOST ?? "")).toBe(
      `${soketi.env.SOKETI_HOST}:${soketi.env.SOKETI_PORT}`,
    );
  });
});

describe("the checklist's reader", () => {
  it("refuses an environment file that systemd or docker would read otherwise", () => {
    expect(parseEnvFile("# a comment\nA=1\n\nB=x…")).toEqual({ A: "1", B: "x…" });
    expect(() => parseEnvFile("A=1 # why")).toThrow("Not a NAME=value line");
    expect(() => parseEnvFile("A=1  B=2")).toThrow("Not a NAME=value line");
    expect(() => parseEnvFile('A="1"')).toThrow("Not a NAME=value line");
  });

  it("reads assignments, single quotes, $NAME and continued lines, and refuses other shell", () => {
    expect(parseCommand("A=$X B='{\"u\": 1}' \\\nnode s.cjs start", { X: "x" })).toEqual({
      env: { A: "x", B: '{"u": 1}' },
      argv: ["node", "s.cjs", "start"],
    });
    expect(() => parseCommand("A=$Y node", {})).toThrow("$Y is not in the environment file");
    expect(() => parseCommand("A=1 node s.cjs; rm", {})).toThrow("More shell");
    expect(() => parseCommand("A='1 node", {})).toThrow("Unclosed quote");
  });

  it("refuses a doc whose steps differ from the setup's", () => {
    const markdown =
      "## A single server, step by step\n\n```sh\nA=1\n```\n\n1. **The database.** x\n";
    expect(() => readChecklist(markdown)).toThrow("change both together");
  });
});
