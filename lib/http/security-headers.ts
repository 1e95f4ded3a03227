import { randomBytes } from "node:crypto";
import type { PublicRealtimeConfig } from "@/lib/env-schema";

/** Two years, subdomains included: the values hstspreload.org asks for. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** On every response, errors included (next.config.ts; proxy.ts sets them on its own answers). */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers that ignore the policy's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];

/**
 * The policy of everything under /api/, which proxy.ts does not see (the hot path): JSON, and
 * the few HTML pages there (Auth.js's, a 404) run no script; their styles are inline or 'self',
 * and Auth.js's forms post to this site.
 */
export const API_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

/** 128 random bits, base64: unguessable, and a form Next.js recognises in `'nonce-…'`. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Where the browser's pusher-js may connect: the WebSocket origin it opens and the HTTP origin of
 * the same server, derived from the settings it is given (lib/realtime/client/options.ts).
 */
export function realtimeOrigins(config: PublicRealtimeConfig, https: boolean): string[] {
  // pusher-js uses TLS on an https page whatever forceTLS says.
  const tls = config.useTLS || https;
  const [ws, http] = tls ? ["wss", "https"] : ["ws", "http"];
  if (config.host) {
    const authority = config.port ? `${config.host}:${config.port}` : config.host;
    return [`${ws}://${authority}`, `${http}://${authority}`];
  }
  return [
    `${ws}://ws-${config.cluster}.pusher.com`,
    `${http}://sockjs-${config.cluster}.pusher.com`,
  ];
}

export type PolicyOptions = {
  /** A fresh value for every response. */
  nonce: string;
  realtime: PublicRealtimeConfig;
  /** The page is served over https (directly, or behind a proxy that says so). */
  https: boolean;
  development: boolean;
};

/** The Content-Security-Policy of a page. */
export function contentSecurityPolicy({
  nonce,
  realtime,
  https,
  development,
}: PolicyOptions): string {
  const directives: string[][] = [
    ["default-src", "'self'"],
    // Only scripts carrying the nonce, and those they load ('strict-dynamic': Next.js's chunks, and
    // the libraries they import lazily). React's development build needs eval for its error overlay and stacks.
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    // Next.js's built-in error pages use style attributes, which a nonce cannot allow.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    // 'self' covers the app's own ws: too (the development server's reload socket).
    ["connect-src", "'self'", ...realtimeOrigins(realtime, https)],
    ["frame-ancestors", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["object-src", "'none'"],
    ...(https ? [["upgrade-insecure-requests"]] : []),
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}
