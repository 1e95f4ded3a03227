import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "@/lib/db/connect";
import { rateLimits } from "@/lib/db/schema";

// Counters live in the app's database, so every app instance sees the same ones.

export type Limit = { points: number; durationSeconds: number };

export const SIGN_IN_LIMITS = {
  /** Failed sign-ins for one username, from anywhere. */
  perAccount: { points: 5, durationSeconds: 15 * 60 },
  /** Failed sign-ins from one client, for any username. */
  perClient: { points: 50, durationSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

export const SIGN_UP_LIMIT: Limit = { points: 20, durationSeconds: 60 * 60 };

function limiter(db: Database, keyPrefix: string, limit: Limit) {
  return new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix,
    points: limit.points,
    duration: limit.durationSeconds,
  });
}

/** Seconds until `res` frees a point, or 0 when points remain. */
function waitSeconds(res: RateLimiterRes | null, points: number): number {
  if (!res || res.consumedPoints < points) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Counts a point; a rejection only means the limit is reached, which callers learn from check(). */
async function consume(rateLimiter: RateLimiterDrizzle, key: string): Promise<void> {
  try {
    await rateLimiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
  }
}

export type SignInThrottle = {
  /** 0 when an attempt may go ahead, otherwise the seconds to wait. */
  check(account: string, client: string): Promise<number>;
  recordFailure(account: string, client: string): Promise<void>;
  recordSuccess(account: string): Promise<void>;
};

export function createSignInThrottle(db: Database): SignInThrottle {
  const { perAccount, perClient } = SIGN_IN_LIMITS;
  const byAccount = limiter(db, "sign-in:account", perAccount);
  const byClient = limiter(db, "sign-in:client", perClient);
  return {
    async check(account, client) {
      const [a, c] = await Promise.all([byAccount.get(account), byClient.get(client)]);
      return Math.max(waitSeconds(a, perAccount.points), waitSeconds(c, perClient.points));
    },
    async recordFailure(account, client) {
      await Promise.all([consume(byAccount, account), consume(byClient, client)]);
    },
    async recordSuccess(account) {
      await byAccount.delete(account);
    },
  };
}

export type ClientLimiter = {
  /** Takes one point for `client`; 0 when allowed, otherwise the seconds to wait. */
  take(client: string): Promise<number>;
};

export function createClientLimiter(db: Database, keyPrefix: string, limit: Limit): ClientLimiter {
  const rateLimiter = limiter(db, keyPrefix, limit);
  return {
    async take(client) {
      const before = await rateLimiter.get(client);
      const wait = waitSeconds(before, limit.points);
      if (wait > 0) return wait;
      await consume(rateLimiter, client);
      return 0;
    },
  };
}
