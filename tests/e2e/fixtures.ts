import { randomBytes } from "node:crypto";

export const DEMO_PASSWORD = "correct-horse-battery-staple";
export const INVALID_CREDENTIALS = "Invalid username or password.";

/** A username no other test uses, so that tests share one database without interfering. */
export function uniqueUsername(prefix = "user"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}
