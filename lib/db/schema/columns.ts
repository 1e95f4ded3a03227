import { text } from "drizzle-orm/pg-core";
import { users } from "./auth";

/** A random primary key, made by the app. */
export const randomId = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

/** The user a session belongs to: it goes with the user. */
export const ownerId = () =>
  text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });
