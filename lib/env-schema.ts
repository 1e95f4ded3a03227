import ipaddr from "ipaddr.js";
import { z } from "zod";
// Relative: the launcher, the scripts and the test stacks load this file too.
import { EMBEDDED_DATABASE, port, type Variables, variables } from "./env-variables";

// Pure schema and parser, shared by the app (lib/env.ts), the launcher and the scripts.
// Only lib/env.ts exposes parsed values to app code.

/**
 * Configured as a deployment: hosted Pusher, or a production server with a realtime server that
 * the launcher did not start. Forgetting something there must stop it, not fall back.
 */
export function hasDeploymentRealtime(
  env: Pick<Variables, "NODE_ENV" | "REALTIME_SERVER" | "PUSHER_HOST">,
): boolean {
  return env.REALTIME_SERVER === "external" && (env.NODE_ENV === "production" || !env.PUSHER_HOST);
}

/**
 * Whether a server bound to `hostname` answers other machines. Unset is every interface (the
 * default of next start/dev and of the standalone server.js); a name other than localhost
 * resolves to some interface of this machine, as a container's HOSTNAME does.
 */
export function listensBeyondLoopback(hostname: string | undefined): boolean {
  if (!hostname) return true;
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (bare === "localhost") return false;
  if (!ipaddr.isValid(bare)) return true;
  return ipaddr.process(bare).range() !== "loopback";
}

/** Whether AUTH_URL names the app by a name other machines use (a local URL names none). */
export function namesPublicUrl(authUrl: string | undefined): boolean {
  if (!authUrl) return false;
  try {
    return listensBeyondLoopback(new URL(authUrl).hostname);
  } catch {
    return true;
  }
}

type DeploymentSettings = Pick<
  Variables,
  "NODE_ENV" | "REALTIME_SERVER" | "PUSHER_HOST" | "HOSTNAME"
> &
  Partial<Pick<Variables, "AUTH_URL" | "TRUSTED_PROXY_HOPS">>;

/**
 * A deployment, not a local run: configured as one, reachable from other machines, or named by a
 * public AUTH_URL (a proxy on this machine serves it to others though it listens on loopback).
 * There the published demo passwords are refused (lib/startup-checks.ts) and no demo account is
 * seeded.
 */
export function isDeployment(env: DeploymentSettings): boolean {
  return (
    hasDeploymentRealtime(env) ||
    listensBeyondLoopback(env.HOSTNAME) ||
    namesPublicUrl(env.AUTH_URL)
  );
}

/**
 * Whether the app and its realtime server answer this machine only: the realtime server on a
 * loopback address (bundled, or external as the e2e stacks' production builds run it), the app
 * listening on loopback under no public name and behind no proxy (TRUSTED_PROXY_HOPS). Stricter
 * than !isDeployment but for the external server on loopback; hosted Pusher never is.
 */
export function isThisMachineOnly(
  env: Omit<DeploymentSettings, "NODE_ENV"> & Partial<Pick<Variables, "TRUSTED_PROXY_HOPS">>,
): boolean {
  const realtimeHere = env.PUSHER_HOST !== undefined && !listensBeyondLoopback(env.PUSHER_HOST);
  return (
    realtimeHere &&
    !listensBeyondLoopback(env.HOSTNAME) &&
    !namesPublicUrl(env.AUTH_URL) &&
    (env.TRUSTED_PROXY_HOPS ?? 0) === 0
  );
}

/** Where passkeys are used: PASSKEY_ORIGIN, else AUTH_URL's origin; undefined for localhost. */
export function passkeyOrigin(
  env: Partial<Pick<Variables, "PASSKEY_ORIGIN" | "AUTH_URL">>,
): string | undefined {
  const url = env.PASSKEY_ORIGIN ?? env.AUTH_URL;
  return url ? new URL(url).origin : undefined;
}

/** The RP ID: PASSKEY_RP_ID, else the origin's host name, else localhost. */
export function passkeyRpId(
  env: Partial<Pick<Variables, "PASSKEY_ORIGIN" | "AUTH_URL" | "PASSKEY_RP_ID">>,
): string {
  const origin = passkeyOrigin(env);
  return env.PASSKEY_RP_ID ?? (origin ? new URL(origin).hostname : "localhost");
}

/** A browser accepts an RP ID that is the origin's host or a parent domain of it, no other. */
function passkeyRpIdFits(
  env: Partial<Pick<Variables, "PASSKEY_ORIGIN" | "AUTH_URL" | "PASSKEY_RP_ID">>,
): boolean {
  const rpId = passkeyRpId(env);
  const origin = passkeyOrigin(env);
  const host = origin ? new URL(origin).hostname : "localhost";
  return host === rpId || host.endsWith(`.${rpId}`);
}

export const envSchema = variables
  .refine((env) => !env.AUTH_GITHUB_ID === !env.AUTH_GITHUB_SECRET, {
    message: "AUTH_GITHUB_ID and AUTH_GITHUB_SECRET must be set together",
    path: ["AUTH_GITHUB_SECRET"],
  })
  // An unset DATABASE_URL means the embedded PGlite, which suits a laptop, not a deployment.
  .refine((env) => !hasDeploymentRealtime(env) || Boolean(env.DATABASE_URL), {
    message:
      "is required in production with an external realtime server, and with hosted Pusher: " +
      "a postgres:// URL, or pglite to keep the embedded database on purpose",
    path: ["DATABASE_URL"],
    // Checked even when other variables are missing, so that one message names every problem.
    when: () => true,
  })
  .refine((env) => passkeyRpIdFits(env), {
    message:
      "must be the host name of PASSKEY_ORIGIN (or of AUTH_URL), or a parent domain of it; " +
      "with neither set, passkeys run on localhost and it must be localhost",
    path: ["PASSKEY_RP_ID"],
  })
  .refine((env) => !env.REALTIME_TEST_SEAM || isThisMachineOnly(env), {
    message:
      "is for test runs: it is refused where the app (HOSTNAME, a public AUTH_URL, a proxy in " +
      "front) or its realtime server (hosted Pusher, PUSHER_HOST) is reachable from other machines",
    path: ["REALTIME_TEST_SEAM"],
  });

/**
 * Whether a DATABASE_URL is this machine's: the embedded PGlite, or PostgreSQL on a loopback address
 * or a Unix socket (no host). `npm run db:seed` asks before it writes the published demo passwords
 * anywhere else.
 */
export function isLocalDatabase(databaseUrl: string | undefined): boolean {
  const url = postgresUrl(databaseUrl);
  if (!url) return true;
  // A host in the query names where the driver connects, whatever the URL's host says (and a URL
  // with no host at all, such as a Unix socket's, is no URL to the WHATWG parser).
  let host = new URLSearchParams(url.split("?")[1] ?? "").get("host");
  if (host === null) {
    try {
      host = new URL(url).hostname;
    } catch {
      return false;
    }
  }
  return host === "" || host.startsWith("/") || !listensBeyondLoopback(host);
}

/** What the database scripts need. */
export const databaseEnvSchema = variables.pick({ DATABASE_URL: true, DATA_DIR: true });

/** The PostgreSQL URL, or undefined for the embedded PGlite (unset, or stated as pglite). */
export function postgresUrl(databaseUrl: string | undefined): string | undefined {
  return databaseUrl === EMBEDDED_DATABASE ? undefined : databaseUrl;
}

/** What the launcher needs besides the app's own variables. */
export const launcherEnvSchema = z.object({
  PORT: port.default(3000),
  SOKETI_PORT: port.default(6001),
  SOKETI_METRICS_PORT: port.default(9601),
  DATA_DIR: z.string().min(1).default(".data"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "EnvError";
  }
}

type Source = Record<string, string | undefined>;

/** Parses `source` with `schema`, or throws an EnvError that names every bad variable. */
export function parseEnv(source: Source): Env;
export function parseEnv<S extends z.ZodType>(source: Source, schema: S): z.infer<S>;
export function parseEnv(source: Source, schema: z.ZodType = envSchema) {
  // An empty value in a .env file means "unset", as it does for most tools.
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(defined);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join(".");
      return issue.code === "invalid_type" && defined[name] === undefined
        ? `${name} is required`
        : `${name} ${issue.message}`;
    }),
  );
}

/** Public realtime settings: what the browser's pusher-js needs, and nothing secret. */
export type PublicRealtimeConfig = {
  key: string;
  cluster: string;
  host?: string;
  port?: number;
  useTLS: boolean;
};

export function publicRealtimeConfig(env: Env): PublicRealtimeConfig {
  return {
    key: env.PUSHER_KEY,
    cluster: env.PUSHER_CLUSTER,
    host: env.PUSHER_HOST,
    port: env.PUSHER_PORT,
    useTLS: env.PUSHER_USE_TLS,
  };
}
