import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A self-contained server in .next/standalone for containers, built by
  // scripts/build-standalone.sh. Only then: `next start` warns when the config asks for it.
  output: process.env.BUILD_OUTPUT === "standalone" ? "standalone" : undefined,
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
  experimental: { authInterrupts: true },
  // On every response, API routes included. The pages' Content-Security-Policy, which needs a
  // nonce per request, is set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // For browsers that ignore the policy's frame-ancestors.
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
