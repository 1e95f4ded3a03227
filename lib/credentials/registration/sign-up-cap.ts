import { RateLimiterRes } from "rate-limiter-flexible";
import { limiter } from "@/lib/credentials/password/throttle";
import type { Database } from "@/lib/db/connect";
import { formatWait } from "@/lib/format";

// The site's sign-ups per hour, from every client together (SIGN_UP_MAX_PER_HOUR): the per-client
// limits bound one network, this bounds an attacker with many addresses. Counted in the shared
// store, so it holds across instances; every flow that creates a user from outside takes a place.

/** The one key: the cap is global. */
const ALL = "all";

export type SignUpCap = {
  /** Takes a place for one new account; 0 when granted, otherwise the seconds to wait. */
  reserve(): Promise<number>;
  /** Gives a place back when no account was created after all (the username was taken). */
  release(): Promise<void>;
};

export function createSignUpCap(db: Database, perHour: number): SignUpCap {
  const created = limiter(db, "sign-up:all", { points: perHour, durationSeconds: 60 * 60 });
  return {
    async reserve() {
      try {
        await created.consume(ALL);
        return 0;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        // Counted even when refused: give it back, so that refusals do not push the hour on.
        await created.reward(ALL);
        return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      }
    },
    async release() {
      await created.reward(ALL);
    },
  };
}

/** What both flows say when the cap is reached (code sign_up_limited). */
export function signUpLimitedMessage(retryAfterSeconds: number): string {
  return `Sign-ups are paused: this site took as many new accounts as it allows in an hour. Try again in ${formatWait(retryAfterSeconds)}.`;
}
