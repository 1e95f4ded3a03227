import { z } from "zod";

// Every variable the app reads, with its type, default and rule: the one list. lib/env-schema.ts
// adds the rules between variables, and what a deployment is.

const flag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

export const port = z.coerce.number().int().min(1).max(65535);

/** `DATABASE_URL=pglite`: the embedded database in DATA_DIR, chosen on purpose. */
export const EMBEDDED_DATABASE = "pglite";

export const variables = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),

  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
  AUTH_URL: z.url().optional(),
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  /**
   * The origin passkeys are used from (lib/credentials/passkey/relying-party.ts): AUTH_URL's
   * when unset; with neither, any http://localhost port, for local runs.
   */
  PASSKEY_ORIGIN: z.url().optional(),
  /** The passkeys' RP ID: the origin's host name when unset, or a registrable parent of it. */
  PASSKEY_RP_ID: z
    .string()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, "must be a lower-case host name, without scheme or port")
    .optional(),
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
  /** Only for private-encrypted-* channels: the core has none. */
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
   * How recent a sign-in (or a "Confirm it's you") must be for a sensitive action: signing
   * devices out, changing the password, every admin action (lib/identity/step-up.ts). 10 minutes.
   */
  STEP_UP_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
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
  /** The bearer token of GET /api/metrics; unset, that route answers 404 (docs/observability.md). */
  METRICS_TOKEN: z
    .string()
    .min(32, "must be at least 32 characters (openssl rand -base64 32)")
    .optional(),
  /**
   * Where OpenTelemetry sends traces (OTLP/HTTP); unset, none are recorded. The SDK reads the
   * other OTEL_* variables itself (instrumentation.ts).
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
});

export type Variables = z.infer<typeof variables>;

/** Every variable the app reads (the test stacks blank them all, so no .env leaks in). */
export const APP_VARIABLE_NAMES = Object.keys(variables.shape) as (keyof Variables)[];
