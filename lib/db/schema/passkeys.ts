import { bigint, index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { ownerId } from "./columns";

// Passkeys (lib/credentials/passkey/): the credentials themselves, and the challenges that the
// browser signs. Both live in the database so that every app instance sees the same ones: a
// removed passkey is gone for all of them, and a challenge is used once, wherever it is answered.

export const passkeys = pgTable(
  "passkey",
  {
    /** The credential ID, base64url, as the authenticator chose it. */
    id: text("id").primaryKey(),
    userId: ownerId(),
    /** The COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    /** The signature counter last seen: an answer that does not go past it is refused. */
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    /** How the browser may reach the authenticator ("internal", "hybrid" …), as it said. */
    transports: text("transports").array().notNull().default([]),
    /** Its owner's name for it: "Chrome 140 on Linux" until renamed. */
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { mode: "date", withTimezone: true }),
  },
  (passkey) => [index("passkey_user_id_idx").on(passkey.userId)],
);

export type Passkey = typeof passkeys.$inferSelect;

/** What a challenge was given for: each is answered at its own endpoint alone. */
export const passkeyPurposeEnum = pgEnum("passkey_purpose", ["register", "sign_in", "step_up"]);
export type PasskeyPurpose = (typeof passkeyPurposeEnum.enumValues)[number];

/**
 * A challenge given to one browser (its id is in that browser's HttpOnly cookie), deleted as it
 * is answered, so that it is used once; one past `expiresAt` is refused.
 */
export const passkeyChallenges = pgTable(
  "passkey_challenge",
  {
    id: text("id").primaryKey(),
    challenge: text("challenge").notNull(),
    purpose: passkeyPurposeEnum("purpose").notNull(),
    /** The user it was given to: adding a passkey and confirming; null for a sign-in. */
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
  },
  (challenge) => [index("passkey_challenge_expires_at_idx").on(challenge.expiresAt)],
);
