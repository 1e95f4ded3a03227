import type { AdapterAccountType } from "@auth/core/adapters";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
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

export type User = typeof users.$inferSelect;

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
