import { describe, expect, it } from "vitest";
import type { PublicRealtimeConfig } from "@/lib/env-schema";
import {
  contentSecurityPolicy,
  createNonce,
  type PolicyOptions,
  realtimeOrigins,
} from "@/lib/http/security-headers";

const soketi: PublicRealtimeConfig = {
  key: "k",
  cluster: "mt1",
  host: "127.0.0.1",
  port: 6001,
  useTLS: false,
};
const hosted: PublicRealtimeConfig = { key: "k", cluster: "eu", useTLS: true };

const production: PolicyOptions = {
  nonce: "bm9uY2U=",
  realtime: soketi,
  https: false,
  development: false,
};

/** The policy as directive name → sources. */
function directives(options: PolicyOptions): Map<string, string[]> {
  const policy = contentSecurityPolicy(options);
  return new Map(
    policy.split("; ").map((directive) => {
      const [name = "", ...sources] = directive.split(" ");
      return [name, sources];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  it("allows scripts only by the nonce, and what they load", () => {
    expect(directives(production).get("script-src")).toEqual([
      "'self'",
      "'nonce-bm9uY2U='",
      "'strict-dynamic'",
    ]);
  });

  it("forbids framing, plugins, <base> and posting forms elsewhere", () => {
    const policy = directives(production);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(policy.get("font-src")).toEqual(["'self'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("connects only to the app and the configured soketi", () => {
    expect(directives(production).get("connect-src")).toEqual([
      "'self'",
      "ws://127.0.0.1:6001",
      "http://127.0.0.1:6001",
    ]);
  });

  it("connects to hosted Pusher's cluster over TLS", () => {
    expect(directives({ ...production, realtime: hosted }).get("connect-src")).toEqual([
      "'self'",
      "wss://ws-eu.pusher.com",
      "https://sockjs-eu.pusher.com",
    ]);
  });

  it("adds eval in development only, which React's development build needs", () => {
    expect(directives({ ...production, development: true }).get("script-src")).toContain(
      "'unsafe-eval'",
    );
    expect(contentSecurityPolicy(production)).not.toContain("unsafe-eval");
  });

  it("upgrades insecure requests over https, and only then", () => {
    expect(directives({ ...production, https: true }).get("upgrade-insecure-requests")).toEqual([]);
    expect(directives(production).has("upgrade-insecure-requests")).toBe(false);
  });

  it("has one of each directive, separated as browsers parse them", () => {
    const policy = contentSecurityPolicy({ ...production, https: true, development: true });
    const names = policy.split("; ").map((directive) => directive.split(" ")[0]);
    expect(new Set(names).size).toBe(names.length);
    expect(policy).not.toMatch(/\s{2}|;;|\n/);
  });
});

describe("realtimeOrigins", () => {
  it("names the port of a self-hosted server, and only the host when there is none", () => {
    expect(realtimeOrigins({ ...soketi, useTLS: true, port: 443 }, false)).toEqual([
      "wss://127.0.0.1:443",
      "https://127.0.0.1:443",
    ]);
    expect(realtimeOrigins({ ...soketi, host: "rt.example.com", port: undefined }, false)).toEqual([
      "ws://rt.example.com",
      "http://rt.example.com",
    ]);
  });

  it("uses ws: and http: for a cluster without TLS", () => {
    expect(realtimeOrigins({ ...hosted, useTLS: false }, false)).toEqual([
      "ws://ws-eu.pusher.com",
      "http://sockjs-eu.pusher.com",
    ]);
  });

  it("uses TLS on an https page even when the settings say not to, as pusher-js does", () => {
    expect(realtimeOrigins(soketi, true)).toEqual([
      "wss://127.0.0.1:6001",
      "https://127.0.0.1:6001",
    ]);
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, different each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
