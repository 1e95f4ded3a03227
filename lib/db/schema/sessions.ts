import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
// Relative: drizzle-kit reads this file without the app's path aliases.
import type { SessionEndReason } from "@/lib/vocabulary/end-reason";
import { AUTH_FLOWS, SIGN_IN_METHODS } from "@/lib/vocabulary/session-kinds";
import { ownerId, randomId } from "./columns";

// Web and realtime sessions end the same way (lib/sessions/end.ts), so they share the columns and
// the rules that say when and why one ended.

/** How a web session signed in. */
export const signInMethodEnum = pgEnum("sign_in_method", SIGN_IN_METHODS);

/** Which flow issued the ticket a session came from: the app's backend, or the service itself. */
export const authFlowEnum = pgEnum("auth_flow", AUTH_FLOWS);

/** The columns both kinds of session share, last in each table. */
const lifetimeColumns = () => ({
  /**
   * The client that signed in, or exchanged the ticket, as it said (bounded) and as its address
   * was seen.
   */
  userAgent: text("user_agent"),
  clientAddress: text("client_address"),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  /**
   * When it was last used, to the minute (lib/sessions/last-active.ts): when the gate last
   * admitted a web session; when user-auth last signed a socket in with a realtime one.
   */
  lastActiveAt: timestamp("last_active_at", { mode: "date", withTimezone: true })
    .notNull()
    .defaultNow(),
  expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
  endedAt: timestamp("ended_at", { mode: "date", withTimezone: true }),
  endReason: text("end_reason").$type<SessionEndReason>(),
});

type Lifetime = Record<"userId" | "expiresAt" | "endedAt" | "endReason", AnyPgColumn>;

/** The check and indexes both kinds of session have, named after the table. */
const lifetimeRules = (table: string, session: Lifetime) => [
  // A session cannot end without a reason (lib/sessions/end.ts writes both).
  check(`${table}_end_reason`, sql`(${session.endedAt} is null) = (${session.endReason} is null)`),
  index(`${table}_user_id_idx`).on(session.userId),
  // The sweeper's query (lib/sessions/expiry.ts), one index per deadline: live sessions only.
  index(`${table}_live_expires_at_idx`)
    .on(session.expiresAt)
    .where(sql`${session.endedAt} is null`),
];

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
    /**
     * When this session last proved who it is: its sign-in, then each "Confirm it's you"
     * (lib/identity/step-up.ts). Sensitive actions need it within STEP_UP_MAX_AGE_SECONDS. On the
     * row, not in the JWT, so that it belongs to this session alone.
     */
    confirmedAt: timestamp("confirmed_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow(),
    ...lifetimeColumns(),
  },
  (session) => lifetimeRules("web_session", session),
);

export type WebSession = typeof webSessions.$inferSelect;

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
    ...lifetimeColumns(),
  },
  (session) => [
    ...lifetimeRules("realtime_session", session),
    index("realtime_session_live_rotated_at_idx")
      .on(session.rotatedAt)
      .where(sql`${session.endedAt} is null`),
  ],
);
