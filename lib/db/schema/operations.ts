import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// The tables the running app keeps for itself: rate limits, settings and webhook deliveries.

/** rate-limiter-flexible's Drizzle store: counters shared by every app instance on this database. */
export const rateLimits = pgTable("rate_limit", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { mode: "date", withTimezone: true }),
});

/** Operator settings that change at run time, such as the service-authentication switch. */
export const appSettings = pgTable("app_setting", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

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
