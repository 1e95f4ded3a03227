import { integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "../../lib/db/schema/index";

// The demo's tables, beside the core's (lib/db/schema/) in one migration history: drizzle.config.ts
// lists both files, and `npm run demo:remove` generates the migration that drops these.

export const roomAudienceEnum = pgEnum("room_audience", ["everyone", "admins"]);

/** Chat rooms, each a presence channel `presence-room-{slug}`. */
export const rooms = pgTable("room", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  audience: roomAudienceEnum("audience").notNull().default("everyone"),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export type Room = typeof rooms.$inferSelect;

/**
 * The last sequence number given in each thread ("room:{slug}" or "dm:{id}:{id}"): one atomic
 * upsert hands out the next, so that clients can find and fetch any gap after a reconnect.
 */
export const threadCounters = pgTable("thread_counter", {
  thread: text("thread").primaryKey(),
  lastSeq: integer("last_seq").notNull(),
});

export const messages = pgTable(
  "message",
  {
    thread: text("thread").notNull(),
    seq: integer("seq").notNull(),
    senderId: text("sender_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (message) => [primaryKey({ columns: [message.thread, message.seq] })],
);

export type Message = typeof messages.$inferSelect;
