import type { AdapterAccountType } from "@auth/core/adapters";
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
// Relative: drizzle-kit reads this file without the app's path aliases.
import type { SessionEndReason } from "@/lib/vocabulary/end-reason";
import { ROLES } from "@/lib/vocabulary/roles";

// The four tables are the Auth.js Drizzle adapter's; `users` carries this app's extra columns.

export const roleEnum = pgEnum("role", ROLES);

export const users = pgTable("user", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: timestamp("emailVerified", { mode: "date" }),
  image: text("image"),
  username: text("username").notNull().unique(),
  passwordHash: text("password_hash"),
  role: roleEnum("role").notNull().default("user"),
  bannedAt: timestamp("banned_at", { mode: "date", withTimezone: true }),
  /**
   * Moves on at every end of one of the user's sessions, a ban and a role change: channels that
   * carry the user's private messages are named with it (lib/channels/names.ts), so that a
   * socket subscribed before the end, and the key it was given, receive nothing sent after it.
   */
  channelEpoch: integer("channel_epoch").notNull().default(0),
  /** Tickets created before this instant are refused: set at sign-out and on a ban. */
  realtimeRevokedAt: timestamp("realtime_revoked_at", { mode: "date", withTimezone: true }),
  /** Kept by the realtime server's webhooks. */
  online: boolean("online").notNull().default(false),
  lastSeenAt: timestamp("last_seen_at", { mode: "date", withTimezone: true }),
  /** The webhook time of the last online change, so that late webhooks cannot undo newer ones. */
  presenceChangedAt: timestamp("presence_changed_at", { mode: "date", withTimezone: true }),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export const accounts = pgTable(
  "account",
  {
    userId: text("userId")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("providerAccountId").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (account) => [
    primaryKey({ columns: [account.provider, account.providerAccountId] }),
    index("account_user_id_idx").on(account.userId),
  ],
);

export const sessions = pgTable("session", {
  sessionToken: text("sessionToken").primaryKey(),
  userId: text("userId")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verificationToken",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date" }).notNull(),
  },
  (token) => [primaryKey({ columns: [token.identifier, token.token] })],
);

/** rate-limiter-flexible's Drizzle store: counters shared by every app instance on this database. */
export const rateLimits = pgTable("rate_limit", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { mode: "date", withTimezone: true }),
});

/** A random primary key, made by the app. */
const randomId = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

/** The user a session belongs to: it goes with the user. */
const ownerId = () =>
  text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });

/** How a web session signed in. */
export const signInMethodEnum = pgEnum("sign_in_method", ["credentials", "github"]);
export type SignInMethod = (typeof signInMethodEnum.enumValues)[number];

/**
 * One sign-in to the site: the NextAuth JWT carries its id, and the gate refuses a JWT whose
 * record has ended, which is what makes a JWT session revocable.
 */
export const webSessions = pgTable(
  "web_session",
  {
    id: randomId(),
    userId: ownerId(),
    method: signInMethodEnum("method").notNull(),
    userAgent: text("user_agent"),
    clientAddress: text("client_address"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    /** When the gate last admitted it, to the minute (lib/sessions/last-active.ts). */
    lastActiveAt: timestamp("last_active_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { mode: "date", withTimezone: true }),
    endReason: text("end_reason").$type<SessionEndReason>(),
  },
  (session) => [
    // A session cannot end without a reason (lib/sessions/end.ts writes both).
    check(
      "web_session_end_reason",
      sql`(${session.endedAt} is null) = (${session.endReason} is null)`,
    ),
    index("web_session_user_id_idx").on(session.userId),
    // The sweeper's query (lib/sessions/expiry.ts): live sessions only.
    index("web_session_live_expires_at_idx")
      .on(session.expiresAt)
      .where(sql`${session.endedAt} is null`),
  ],
);

export type WebSession = typeof webSessions.$inferSelect;

/** Which flow issued the ticket a session came from: the app's backend, or the service itself. */
export const authFlowEnum = pgEnum("auth_flow", ["backend", "service"]);
export type AuthFlow = (typeof authFlowEnum.enumValues)[number];

/**
 * A revocable sign-in to the realtime service, started by exchanging a ticket. The client holds
 * the bearer token, an HMAC of the session's id and generation under the app secret: no token,
 * nor a hash of one, is stored.
 */
export const realtimeSessions = pgTable(
  "realtime_session",
  {
    id: randomId(),
    userId: ownerId(),
    /**
     * Which token is current: the token is an HMAC of (id, generation), so none is stored, and
     * each use that rotates it adds one (lib/sessions/session-tokens.ts).
     */
    generation: integer("generation").notNull().default(0),
    /** When the token last rotated: the idle timeout counts from here. */
    rotatedAt: timestamp("rotated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    /** Whether the previous token already had its one grace answer since the last rotation. */
    graceUsed: boolean("grace_used").notNull().default(false),
    /** The exchanged ticket's nonce: a ticket starts one session at most. */
    ticketNonce: text("ticket_nonce").notNull().unique(),
    flow: authFlowEnum("flow").notNull().default("backend"),
    /** The web session whose ticket started it (backend flow): it ends with that session. */
    webSessionId: text("web_session_id").references(() => webSessions.id, { onDelete: "cascade" }),
    /** The client that exchanged the ticket, as it said (bounded) and as its address was seen. */
    userAgent: text("user_agent"),
    clientAddress: text("client_address"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    /** When user-auth last signed a socket in with it, to the minute (lib/sessions/last-active.ts). */
    lastActiveAt: timestamp("last_active_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { mode: "date", withTimezone: true }),
    endReason: text("end_reason").$type<SessionEndReason>(),
  },
  (session) => [
    check(
      "realtime_session_end_reason",
      sql`(${session.endedAt} is null) = (${session.endReason} is null)`,
    ),
    index("realtime_session_user_id_idx").on(session.userId),
    // The sweeper's query (lib/sessions/expiry.ts), one index per deadline: live sessions only.
    index("realtime_session_live_expires_at_idx")
      .on(session.expiresAt)
      .where(sql`${session.endedAt} is null`),
    index("realtime_session_live_rotated_at_idx")
      .on(session.rotatedAt)
      .where(sql`${session.endedAt} is null`),
  ],
);

/** Operator settings that change at run time, such as the service-authentication switch. */
export const appSettings = pgTable("app_setting", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;

/** What an authentication event was (lib/activity-log/events.ts). */
export const authEventKindEnum = pgEnum("auth_event_kind", [
  "sign_in",
  "sign_out",
  "ticket_issued",
  "ticket_exchanged",
  "session_revoked",
  "ban",
  "unban",
  "role_changed",
  "service_auth_toggled",
  "session_rotated",
  "session_reused",
  "session_expired",
]);
export type AuthEventKind = (typeof authEventKindEnum.enumValues)[number];

export const authEventOutcomeEnum = pgEnum("auth_event_outcome", ["success", "failure"]);
export type AuthEventOutcome = (typeof authEventOutcomeEnum.enumValues)[number];

/**
 * The activity log: one row per authentication event. Ids, codes and the client's claims only:
 * never a password, a token or a ticket. Rows older than ACTIVITY_RETENTION_DAYS are deleted.
 */
export const authEvents = pgTable(
  "auth_event",
  {
    id: randomId(),
    at: timestamp("at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    /** Whose event it is; null for an unknown username. Kept (as null) if the user is deleted. */
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    /** The web or realtime session it concerns, if any (no foreign key: it may be either). */
    sessionId: text("session_id"),
    /** The admin who acted (ban, unban, role change, service switch). */
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    clientAddress: text("client_address"),
    userAgent: text("user_agent"),
    kind: authEventKindEnum("kind").notNull(),
    outcome: authEventOutcomeEnum("outcome").notNull(),
    /** A short code: why it failed, or why a session ended. */
    reason: text("reason"),
    /** What the event names: the new role, on/off, the sign-in method, a ticket's id. */
    detail: text("detail"),
    /** How many events of this kind the row stands for: repeats from one session are folded. */
    count: integer("count").notNull().default(1),
    /** When the last of them happened; null while the row stands for one event. */
    lastAt: timestamp("last_at", { mode: "date", withTimezone: true }),
  },
  (event) => [
    index("auth_event_at_idx").on(event.at),
    index("auth_event_user_id_at_idx").on(event.userId, event.at),
  ],
);

export type AuthEvent = typeof authEvents.$inferSelect;

/**
 * Webhook deliveries already accepted, by their signature: a delivery replayed within its window
 * is accepted once, across instances. Rows older than the window are deleted.
 */
export const webhookDeliveries = pgTable(
  "webhook_delivery",
  {
    signature: text("signature").primaryKey(),
    receivedAt: timestamp("received_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (delivery) => [index("webhook_delivery_received_at_idx").on(delivery.receivedAt)],
);
