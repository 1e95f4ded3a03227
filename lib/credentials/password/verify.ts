import { eq } from "drizzle-orm";
import { verifyPassword } from "@/lib/credentials/password/hash";
import type { SignInThrottle } from "@/lib/credentials/password/throttle";
import { signInSchema } from "@/lib/credentials/validation";
import type { Database } from "@/lib/db/connect";
import { type User, users } from "@/lib/db/schema";
import type { KnownDevice } from "@/lib/identity/known-device";

export type CredentialsResult =
  | { ok: true; user: User }
  /** `userId` only when the username is a user's: the activity log names no unknown username. */
  | { ok: false; reason: "invalid_credentials"; userId?: string }
  | { ok: false; reason: "banned"; userId: string }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks a username and password. An unknown user and a wrong password give the same
 * answer after the same work. An attempt from a browser with a valid device cookie for this user
 * is throttled on that cookie's budget alone; any other is throttled per account, per client,
 * and per pair of the two (the back-off).
 */
export async function verifyCredentials(
  db: Database,
  throttle: SignInThrottle,
  input: unknown,
  client: string,
  knownDevice: KnownDevice = () => undefined,
): Promise<CredentialsResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid_credentials" };
  const { username, password } = parsed.data;

  // The user first: a device cookie vouches for a user id, not for a name.
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  const device = user && knownDevice(user.id);
  const limits = device
    ? {
        enter: () => throttle.device.enter(device),
        check: () => throttle.device.check(device),
        failure: () => throttle.device.recordFailure(device),
        success: async () => {},
      }
    : {
        enter: () => throttle.enter(username, client),
        check: () => throttle.check(username, client),
        failure: () => throttle.recordFailure(username, client),
        success: () => throttle.recordSuccess(username, client),
      };

  // First a place among the attempts under way, then the check: a burst sent at once is taken
  // one attempt at a time per client and account (or device), each seeing the failures before it.
  const slot = await limits.enter();
  if (slot.wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: slot.wait };
  try {
    const retryAfterSeconds = await limits.check();
    if (retryAfterSeconds > 0) return { ok: false, reason: "throttled", retryAfterSeconds };

    const valid = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !valid) {
      await limits.failure();
      return { ok: false, reason: "invalid_credentials", userId: user?.id };
    }
    await limits.success();
    // Told only to someone who proved the password, so it reveals nothing to a guesser.
    if (user.bannedAt) return { ok: false, reason: "banned", userId: user.id };
    return { ok: true, user };
  } finally {
    if ("leave" in slot) await slot.leave();
  }
}
