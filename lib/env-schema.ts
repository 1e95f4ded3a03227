import ipaddr from "ipaddr.js";
import { z } from "zod";

// Pure schema and parser, shared by the app (lib/env.ts), the launcher and the scripts.
// Only lib/env.ts exposes parsed values to app code.

const flag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const port = z.coerce.number().int().min(1).max(65535);

/** `DATABASE_URL=pglite`: the embedded database in DATA_DIR, chosen on purpose. */
export const EMBEDDED_DATABASE = "pglite";

const variables = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),

  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
  AUTH_URL: z.url().optional(),
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().min(1).optional(),

  DATABASE_URL: z
    .string()
    .regex(
      /^(postgres(ql)?:\/\/|pglite$)/,
      "must be a postgres:// URL, or pglite for the embedded database",
    )
    // postgres.js passes unknown URL parameters to the server as settings; this one is refused.
    .refine(
      (url) => !/[?&]channel_binding=/.test(url),
      "must not carry channel_binding, which postgres.js does not take: remove it",
    )
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  /** Off where a deploy step runs `npm run db:migrate` instead (Vercel). */
  MIGRATE_ON_START: flag.default(true),

  PUSHER_APP_ID: z.string().min(1, "is required"),
  PUSHER_KEY: z.string().min(1, "is required"),
  PUSHER_SECRET: z.string().min(1, "is required"),
  // Both end up in the pages' Content-Security-Policy (lib/http/security-headers.ts): only the
  // characters a host may have, so that a value cannot add a directive.
  PUSHER_CLUSTER: z
    .string()
    .regex(/^[a-z0-9-]+$/, "must be a cluster name such as eu or us2")
    .default("mt1"),
  PUSHER_HOST: z
    .string()
    .regex(
      /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/,
      "must be a host name or IPv4 address, without scheme or port",
    )
    .optional(),
  PUSHER_PORT: port.optional(),
  PUSHER_USE_TLS: flag.default(true),
  /** Only for private-encrypted-* channels (the demo's direct messages): the core has none. */
  PUSHER_ENCRYPTION_MASTER_KEY: z
    .string()
    .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64")
    .optional(),

  REALTIME_SERVER: z.enum(["bundled", "external"]).default("external"),
  REALTIME_TICKET_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  /** Service authentication's default when no admin has chosen: on with the bundled server. */
  SERVICE_AUTH: z.enum(["on", "off"]).optional(),
  /** A realtime session's absolute lifetime, from its ticket's exchange: 12 hours. */
  REALTIME_SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(5).max(2_592_000).default(43_200),
  /**
   * A realtime session unused this long ends. An open tab uses it on every reconnect and
   * rotates it every third of this while connected, so only a closed or sleeping one idles out.
   */
  REALTIME_SESSION_IDLE_SECONDS: z.coerce.number().int().min(3).max(2_592_000).default(1_800),
  /** How long the token rotated out last still answers once: one lost response (lib/sessions/session-tokens.ts). */
  REALTIME_TOKEN_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  /** How often each app instance looks for expired sessions to close their sockets. */
  SESSION_SWEEP_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  /** The session cookie's maxAge (Auth.js's 30 days), and so its record's. */
  WEB_SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(31_536_000).default(2_592_000),
  /** How often a used web session's record and cookie are pushed back to a full maxAge: a day. */
  WEB_SESSION_UPDATE_AGE_SECONDS: z.coerce.number().int().min(1).max(31_536_000).default(86_400),
  /**
   * Live sessions (web and realtime) a user may hold at once; a sign-in past it ends the one
   * least recently used (lib/sessions/limit.ts).
   */
  MAX_SESSIONS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(10),
  /**
   * New accounts per hour from the whole site, sign-up and the service's newUser together
   * (lib/credentials/registration/sign-up-cap.ts): past it both answer 429 with Retry-After.
   */
  SIGN_UP_MAX_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(50),
  /** Sign-ups per hour from one client address (its /64 for IPv6). */
  SIGN_UPS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** Proxies in front of the app that append to X-Forwarded-For (lib/http/client-ip.ts). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * The address the app listens on: next start/dev's --hostname, the standalone server.js's own
   * setting. The launcher sets it to 127.0.0.1 unless it is given; unset, Next.js listens on
   * every interface.
   */
  HOSTNAME: z.string().min(1).optional(),
  /** Tickets (POST /api/realtime/tickets) one user may take a minute; past it, 429. */
  TICKETS_PER_MINUTE_PER_USER: z.coerce.number().int().min(1).max(100_000).default(30),
  /** The e2e specs' handle on a tab's client (lib/realtime/client/test-seam.ts): test runs only. */
  REALTIME_TEST_SEAM: flag.default(false),
  /** How long the activity log keeps an event (lib/activity-log/record.ts). */
  ACTIVITY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

type Variables = z.infer<typeof variables>;

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
  .refine((env) => !env.REALTIME_TEST_SEAM || isThisMachineOnly(env), {
    message:
      "is for test runs: it is refused where the app (HOSTNAME, a public AUTH_URL, a proxy in " +
      "front) or its realtime server (hosted Pusher, PUSHER_HOST) is reachable from other machines",
    path: ["REALTIME_TEST_SEAM"],
  });

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
