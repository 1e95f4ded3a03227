import { afterEach, describe, expect, it } from "vitest";
import { isDeployment, isThisMachineOnly, parseEnv } from "@/lib/env-schema";
import { createClient } from "@/lib/realtime/client/facade";
import { installTestSeam, TEST_SEAM_ATTRIBUTE } from "@/lib/realtime/client/test-seam";
import { complete, issues } from "./env-issues";

// The e2e specs' handle on a tab's client: switched on by the server in test runs only, and
// absent from a page without the switch.

describe("REALTIME_TEST_SEAM", () => {
  const local = {
    AUTH_SECRET: "a".repeat(32),
    PUSHER_APP_ID: "1",
    PUSHER_KEY: "key",
    PUSHER_SECRET: "secret",
    REALTIME_SERVER: "bundled",
    PUSHER_HOST: "127.0.0.1",
    HOSTNAME: "127.0.0.1",
    REALTIME_TEST_SEAM: "1",
  };
  const REFUSED =
    "REALTIME_TEST_SEAM is for test runs: it is refused where the app (HOSTNAME, a public " +
    "AUTH_URL, a proxy in front) or its realtime server (hosted Pusher, PUSHER_HOST) is " +
    "reachable from other machines";

  it("is off unless set", () => {
    expect(parseEnv({ ...local, REALTIME_TEST_SEAM: "" }).REALTIME_TEST_SEAM).toBe(false);
    expect(parseEnv(local).REALTIME_TEST_SEAM).toBe(true);
  });

  it("is taken by a production build whose realtime server is on this machine (the e2e stacks)", () => {
    const external = { ...local, REALTIME_SERVER: "external", DATABASE_URL: "pglite" };
    expect(parseEnv({ ...external, NODE_ENV: "production" }).REALTIME_TEST_SEAM).toBe(true);
  });

  it("is refused where the app or its realtime server is reachable from other machines", () => {
    expect(issues({ ...local, HOSTNAME: "0.0.0.0" })).toEqual([REFUSED]);
    expect(issues({ ...local, HOSTNAME: "" })).toEqual([REFUSED]);
    expect(
      issues({ ...complete, REALTIME_TEST_SEAM: "1", HOSTNAME: "127.0.0.1", PUSHER_CLUSTER: "eu" }),
    ).toEqual([REFUSED]);
    expect(
      issues({
        ...local,
        REALTIME_SERVER: "external",
        DATABASE_URL: "pglite",
        PUSHER_HOST: "soketi.example.com",
      }),
    ).toEqual([REFUSED]);
  });

  it("is refused wherever isDeployment says so, but for an external server on loopback", () => {
    const deployments = [
      { REALTIME_SERVER: "bundled", PUSHER_HOST: "127.0.0.1", HOSTNAME: "0.0.0.0" },
      { REALTIME_SERVER: "external", PUSHER_HOST: undefined, HOSTNAME: "127.0.0.1" },
      { REALTIME_SERVER: "external", PUSHER_HOST: "10.0.0.5", HOSTNAME: "127.0.0.1" },
      // Named by a public URL, or behind a proxy: reached from elsewhere though on loopback.
      {
        REALTIME_SERVER: "bundled",
        PUSHER_HOST: "127.0.0.1",
        HOSTNAME: "127.0.0.1",
        AUTH_URL: "https://chat.example.com",
      },
    ] as const;
    for (const env of deployments) {
      expect(isDeployment({ ...env, NODE_ENV: "production" })).toBe(true);
      expect(isThisMachineOnly(env)).toBe(false);
    }
    // A proxy in front: other machines reach the app (the demo accounts stay, as the benchmark's).
    const proxied = {
      REALTIME_SERVER: "bundled",
      PUSHER_HOST: "127.0.0.1",
      HOSTNAME: "127.0.0.1",
    } as const;
    expect(isThisMachineOnly({ ...proxied, TRUSTED_PROXY_HOPS: 1 })).toBe(false);
    expect(isThisMachineOnly({ ...proxied, TRUSTED_PROXY_HOPS: 0 })).toBe(true);
    // "bundled" is only a word without the launcher (next start, server.js): the realtime server
    // is where PUSHER_HOST says, and none means hosted Pusher.
    for (const PUSHER_HOST of [undefined, "ws.example.com"]) {
      expect(
        isThisMachineOnly({ REALTIME_SERVER: "bundled", PUSHER_HOST, HOSTNAME: "127.0.0.1" }),
      ).toBe(false);
    }
  });
});

describe("installTestSeam", () => {
  const client = () =>
    createClient("seam-test", { cluster: "mt1", useTLS: false, baseUrl: "http://127.0.0.1:9" });
  /** A document whose <html> has the given attributes: the one thing the seam reads of it. */
  const withDocument = (attributes: string[]) => {
    Object.assign(globalThis, {
      document: { documentElement: { hasAttribute: (name: string) => attributes.includes(name) } },
    });
  };

  afterEach(() => {
    Reflect.deleteProperty(globalThis, "document");
    globalThis.__realtimeTestSeam = undefined;
  });

  it("exposes nothing in Node, or on a page without the switch", () => {
    installTestSeam(client());
    expect(globalThis.__realtimeTestSeam).toBeUndefined();
    withDocument([]);
    installTestSeam(client());
    expect(globalThis.__realtimeTestSeam).toBeUndefined();
  });

  it("exposes the client's observe, join, leave and reconnect on a page with the switch", () => {
    withDocument([TEST_SEAM_ATTRIBUTE]);
    const realtime = client();
    installTestSeam(realtime);
    expect(globalThis.__realtimeTestSeam).toEqual({
      observe: realtime.observe,
      join: realtime.join,
      leave: realtime.leave,
      reconnect: realtime.reconnect,
    });
  });
});
