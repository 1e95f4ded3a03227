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
};

export default nextConfig;
