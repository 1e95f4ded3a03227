import { index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { randomId } from "./columns";

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
  "step_up",
  "password_changed",
  "passkey_added",
  "passkey_removed",
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
