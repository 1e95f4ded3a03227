import { describe, expect, it } from "vitest";
import {
  EnvError,
  isDeployment,
  isLocalDatabase,
  launcherEnvSchema,
  listensBeyondLoopback,
  parseEnv,
  postgresUrl,
  publicRealtimeConfig,
} from "@/lib/env-schema";
import { complete, issues } from "./env-issues";

const DATABASE_REQUIRED =
  "is required in production with an external realtime server, and with hosted Pusher: " +
  "a postgres:// URL, or pglite to keep the embedded database on purpose";

describe("parseEnv", () => {
  it("names every missing variable of a hosted Pusher configuration", () => {
    expect(issues({ PUSHER_KEY: "key", PUSHER_CLUSTER: "eu" })).toEqual([
      "AUTH_SECRET is required",
      "PUSHER_APP_ID is required",
      "PUSHER_SECRET is required",
      `DATABASE_URL ${DATABASE_REQUIRED}`,
    ]);
  });

  it("treats an empty value as unset", () => {
    expect(issues({ ...complete, PUSHER_SECRET: "" })).toEqual(["PUSHER_SECRET is required"]);
  });

  it("rejects a short AUTH_SECRET and a non-postgres DATABASE_URL", () => {
    expect(issues({ ...complete, AUTH_SECRET: "short", DATABASE_URL: "mysql://x" })).toEqual([
      "AUTH_SECRET must be at least 32 characters (openssl rand -base64 32)",
      "DATABASE_URL must be a postgres:// URL, or pglite for the embedded database",
    ]);
  });

  it("requires both GitHub variables or neither", () => {
    expect(issues({ ...complete, AUTH_GITHUB_ID: "id" })).toEqual([
      "AUTH_GITHUB_SECRET AUTH_GITHUB_ID and AUTH_GITHUB_SECRET must be set together",
    ]);
    expect(issues({ ...complete, AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "s" })).toEqual([]);
  });

  it("takes a passkey RP ID that is the passkey origin's host or a parent domain of it", () => {
    const rpId =
      "PASSKEY_RP_ID must be the host name of PASSKEY_ORIGIN (or of AUTH_URL), or a parent domain of it; with neither set, passkeys run on localhost and it must be localhost";
    expect(issues({ ...complete, PASSKEY_RP_ID: "example.com" })).toEqual([rpId]);
    const origin = { ...complete, PASSKEY_ORIGIN: "https://login.example.com" };
    expect(issues({ ...origin, PASSKEY_RP_ID: "example.com" })).toEqual([]);
    expect(issues({ ...origin, PASSKEY_RP_ID: "other.com" })).toEqual([rpId]);
    // "notexample.com" is not a parent domain of "example.com", though it ends with it.
    const site = { ...complete, AUTH_URL: "https://notexample.com" };
    expect(issues({ ...site, PASSKEY_RP_ID: "example.com" })).toEqual([rpId]);
    expect(issues({ ...complete, PASSKEY_RP_ID: "Example.com:443" })).toContain(
      "PASSKEY_RP_ID must be a lower-case host name, without scheme or port",
    );
  });

  it("checks the encryption master key is 32 bytes, and needs none: the core has no encrypted channel", () => {
    const { PUSHER_ENCRYPTION_MASTER_KEY: _key, ...withoutKey } = complete;
    expect(issues(withoutKey)).toEqual([]);
    const short = Buffer.alloc(16).toString("base64");
    expect(issues({ ...complete, PUSHER_ENCRYPTION_MASTER_KEY: short })).toEqual([
      "PUSHER_ENCRYPTION_MASTER_KEY must be 32 bytes, base64",
    ]);
  });

  it("accepts only a host name or address and a cluster name, which the CSP names", () => {
    expect(issues({ ...complete, PUSHER_HOST: "rt.example.com", PUSHER_CLUSTER: "us2" })).toEqual(
      [],
    );
    expect(issues({ ...complete, PUSHER_HOST: "127.0.0.1" })).toEqual([]);
    for (const host of ["wss://rt.example.com", "rt.example.com:443", "x; script-src *", "a..b"]) {
      expect(issues({ ...complete, PUSHER_HOST: host })).toEqual([
        "PUSHER_HOST must be a host name or IPv4 address, without scheme or port",
      ]);
    }
    expect(issues({ ...complete, PUSHER_CLUSTER: "eu; connect-src *" })).toEqual([
      "PUSHER_CLUSTER must be a cluster name such as eu or us2",
    ]);
  });

  it("applies defaults for hosted Pusher", () => {
    const env = parseEnv(complete);
    expect(env).toMatchObject({ PUSHER_CLUSTER: "mt1", PUSHER_USE_TLS: true, DATA_DIR: ".data" });
    expect(env.REALTIME_SERVER).toBe("external");
  });

  it("requires a deployment to state its database, and only a deployment", () => {
    const selfHosted = { ...complete, DATABASE_URL: "", PUSHER_HOST: "rt.example.com" };
    const required = [`DATABASE_URL ${DATABASE_REQUIRED}`];
    // Hosted Pusher, or production with an external realtime server: forgetting is refused...
    expect(issues({ ...complete, DATABASE_URL: "" })).toEqual(required);
    expect(issues({ ...selfHosted, NODE_ENV: "production" })).toEqual(required);
    // ...stating the embedded database is accepted...
    expect(issues({ ...selfHosted, NODE_ENV: "production", DATABASE_URL: "pglite" })).toEqual([]);
    // ...and a local run needs nothing: development, or the launcher's bundled server.
    expect(issues(selfHosted)).toEqual([]);
    expect(issues({ ...selfHosted, NODE_ENV: "production", REALTIME_SERVER: "bundled" })).toEqual(
      [],
    );
  });

  it("tells the embedded database from a PostgreSQL URL", () => {
    expect(postgresUrl("pglite")).toBeUndefined();
    expect(postgresUrl(undefined)).toBeUndefined();
    expect(postgresUrl(complete.DATABASE_URL)).toBe(complete.DATABASE_URL);
    expect(issues({ ...complete, DATABASE_URL: "pglite:./elsewhere" })).toEqual([
      "DATABASE_URL must be a postgres:// URL, or pglite for the embedded database",
    ]);
    const bound = `${complete.DATABASE_URL}?sslmode=verify-full&channel_binding=require`;
    expect(issues({ ...complete, DATABASE_URL: bound })).toEqual([
      "DATABASE_URL must not carry channel_binding, which postgres.js does not take: remove it",
    ]);
  });

  it("migrates on start unless told not to", () => {
    expect(parseEnv(complete).MIGRATE_ON_START).toBe(true);
    expect(parseEnv({ ...complete, MIGRATE_ON_START: "false" }).MIGRATE_ON_START).toBe(false);
    expect(issues({ ...complete, MIGRATE_ON_START: "no" })).toHaveLength(1);
  });

  it("parses the launcher's ports", () => {
    expect(parseEnv({ PORT: "4000" }, launcherEnvSchema)).toMatchObject({
      PORT: 4000,
      SOKETI_PORT: 6001,
    });
    expect(() => parseEnv({ PORT: "99999" }, launcherEnvSchema)).toThrow(EnvError);
  });
});

describe("publicRealtimeConfig", () => {
  it("carries the key and connection settings and never the secret", () => {
    const config = publicRealtimeConfig(
      parseEnv({
        ...complete,
        PUSHER_HOST: "127.0.0.1",
        PUSHER_PORT: "6001",
        PUSHER_USE_TLS: "false",
      }),
    );
    expect(config).toEqual({
      key: "key",
      cluster: "mt1",
      host: "127.0.0.1",
      port: 6001,
      useTLS: false,
    });
    expect(JSON.stringify(config)).not.toContain("secret");
  });
});

describe("a deployment, by where the app listens", () => {
  it.each([
    ["127.0.0.1", false],
    ["127.0.0.2", false],
    ["localhost", false],
    ["::1", false],
    ["[::1]", false],
    ["::ffff:127.0.0.1", false],
    [undefined, true], // next start/dev and the standalone server.js: every interface
    ["0.0.0.0", true],
    ["::", true],
    ["192.168.1.20", true],
    ["a1b2c3d4e5f6", true], // a container's HOSTNAME: its name, on its own interface
  ])("%s beyond loopback: %s", (hostname, beyond) => {
    expect(listensBeyondLoopback(hostname)).toBe(beyond);
  });

  it("counts a local run with the bundled server as one only when it listens beyond loopback", () => {
    const local = {
      NODE_ENV: "production",
      REALTIME_SERVER: "bundled",
      PUSHER_HOST: "127.0.0.1",
    } as const;
    expect(isDeployment({ ...local, HOSTNAME: "127.0.0.1" })).toBe(false);
    expect(isDeployment({ ...local, HOSTNAME: "0.0.0.0" })).toBe(true);
    expect(isDeployment({ ...local, REALTIME_SERVER: "external", HOSTNAME: "127.0.0.1" })).toBe(
      true,
    );
  });

  it("counts a loopback run as one when a public AUTH_URL names it (a proxy serves it)", () => {
    const here = {
      NODE_ENV: "production",
      REALTIME_SERVER: "bundled",
      PUSHER_HOST: "127.0.0.1",
      HOSTNAME: "127.0.0.1",
    } as const;
    expect(isDeployment({ ...here, AUTH_URL: "https://chat.example.com" })).toBe(true);
    expect(isDeployment({ ...here, AUTH_URL: "http://localhost:3000" })).toBe(false);
    expect(isDeployment({ ...here, AUTH_URL: "http://127.0.0.1:3000" })).toBe(false);
  });

  it("does not ask a LAN run of the local app for DATABASE_URL", () => {
    const env = parseEnv({
      AUTH_SECRET: "a".repeat(32),
      PUSHER_APP_ID: "1",
      PUSHER_KEY: "key",
      PUSHER_SECRET: "secret",
      REALTIME_SERVER: "bundled",
      PUSHER_HOST: "127.0.0.1",
      HOSTNAME: "0.0.0.0",
      NODE_ENV: "production",
    });
    expect(env.HOSTNAME).toBe("0.0.0.0");
  });
});

describe("isLocalDatabase: where db:seed writes the demo passwords without asking", () => {
  it.each([
    [undefined, true],
    ["pglite", true],
    ["postgres://postgres@127.0.0.1:5432/app", true],
    ["postgres://postgres@localhost/app", true],
    ["postgresql://app@[::1]:5432/app", true],
    ["postgres://app@/app?host=/var/run/postgresql", true],
    ["postgres://app:secret@db.example.com:5432/app", false],
    ["postgres://app@10.0.0.5/app", false],
    ["postgres://app@localhost/app?host=db.example.com", false],
  ])("%s is local: %s", (url, local) => {
    expect(isLocalDatabase(url)).toBe(local);
  });
});
