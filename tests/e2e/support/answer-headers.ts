import type { APIResponse } from "@playwright/test";
import { expect } from "../test";

// The security headers that every answer carries, whatever its status (hostile-answers.spec.ts).

type HeaderRecord = Record<string, string | string[] | undefined>;

/** The headers every response carries (next.config.ts, proxy.ts). */
export function expectStaticHeaders(headers: HeaderRecord) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
}

/** A policy that allows no script but its nonce's, and no framing; returns the nonce, if any. */
export function expectPolicy(headers: HeaderRecord): string | undefined {
  expectStaticHeaders(headers);
  const policy = String(headers["content-security-policy"] ?? "");
  expect(policy, "content-security-policy").toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  const script = /script-src ([^;]*)/.exec(policy)?.[1] ?? /default-src ([^;]*)/.exec(policy)?.[1];
  expect(script).toBeDefined();
  expect(script).not.toContain("unsafe-inline");
  return /'nonce-([^']+)'/.exec(policy)?.[1];
}

/**
 * A full document's every script tag carries the nonce of its policy; where the policy has none
 * (under /api/), it allows no script at all.
 */
export async function expectNonceOnScripts(response: APIResponse, nonce: string | undefined) {
  const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  if (nonce === undefined) {
    expect(response.headers()["content-security-policy"]).toContain("script-src 'none'");
    return;
  }
  for (const tag of scripts) expect(tag).toContain(` nonce="${nonce}"`);
}
