import type { NextConfig } from "next";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "./lib/http/action-body-limit";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const benchFloor = process.env.BENCH_FLOOR === "1";
// Set by the scripts that run `npm run typecheck` on the same code just before they build.
const typechecked = process.env.BUILD_TYPECHECKED === "1";

const nextConfig: NextConfig = {
  // A self-contained server in .next/standalone for containers, built by
  // scripts/build-standalone.sh. Only then: `next start` warns when the config asks for it.
  output: process.env.BUILD_OUTPUT === "standalone" ? "standalone" : undefined,
  // The benchmark's floor page (app/(bench)/bench/floor/page.bench.tsx) is a page only in the
  // benchmark's own build (scripts/bench/run.ts sets BENCH_FLOOR=1): every other build leaves it
  // out, as a file that is not a page.
  pageExtensions: [...(benchFloor ? ["bench.tsx"] : []), "tsx", "ts", "jsx", "js"],
  // That build, and one that `npm test` makes right after `npm run typecheck`, skip the type check:
  // about a minute here, and types change nothing in the output. A plain `npm run build` checks.
  typescript: { ignoreBuildErrors: benchFloor || typechecked },
  // Packages that load WASM, native binaries or resolve modules at run time must not be bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "drizzle-orm",
    "postgres",
    "pusher",
    "rate-limiter-flexible",
  ],
  poweredByHeader: false,
  // forbidden() answers 403 from pages and server actions (app/forbidden.tsx).
  // proxy.ts answers 413 to an action's body over the limit before Next.js would fail it with 500.
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES },
  },
  // On every response, API routes included. The pages' Content-Security-Policy, which needs a
  // nonce per request, is set in proxy.ts; what proxy.ts does not see under /api/ gets a fixed
  // policy that allows no script.
  async headers() {
    return [
      { source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default nextConfig;
