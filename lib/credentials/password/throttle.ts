import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "@/lib/db/connect";
import { rateLimits } from "@/lib/db/schema";
import { throttleKey } from "@/lib/http/client-ip";

// Counters live in the app's database, so every app instance sees the same ones.

export type Limit = { points: number; durationSeconds: number };

export const SIGN_IN_LIMITS = {
  /** Failed sign-ins for one username, from anywhere: ASVS allows at most 100 an hour. */
  perAccount: { points: 100, durationSeconds: 60 * 60 },
  /** Failed sign-ins from one client, for any username. */
  perClient: { points: 50, durationSeconds: 60 * 60 },
  /**
   * Consecutive failures of one client on one account before back-off starts, then a block that
   * doubles each time. Per client, so that nobody else can lock the owner out; the per-account
   * cap above still bounds the guesses spread over many clients.
   */
  backoff: { freeFailures: 4, firstSeconds: 60, maxSeconds: 60 * 60 },
  /**
   * Attempts under way at once: one per client and account, so that a burst cannot pass the
   * check together before any failure is counted; a few per client and per account, which bounds
   * what a burst over many accounts or clients can overshoot the hourly caps by. A slot is freed
   * when the attempt ends, or after `seconds` should its process die.
   */
  inFlight: { perPair: 1, perClient: 4, perAccount: 4, seconds: 30 },
  /**
   * Failed sign-ins with one device cookie (lib/identity/device-cookie.ts), for the user it names:
   * past them, that cookie is refused until the hour ends. These attempts count here alone, not
   * on the account or the client, so strangers cannot lock a known browser out.
   */
  perDevice: { points: 10, durationSeconds: 60 * 60 },
} as const;

/** The block after the `streak`-th consecutive failure: 0, then 1, 2, 4 … minutes, capped. */
export function backoffSeconds(streak: number): number {
  const { freeFailures, firstSeconds, maxSeconds } = SIGN_IN_LIMITS.backoff;
  if (streak <= freeFailures) return 0;
  return Math.min(firstSeconds * 2 ** (streak - freeFailures - 1), maxSeconds);
}

/** Sign-ups per client: SIGN_UPS_PER_ADDRESS_PER_HOUR of them (20 by default) an hour. */
export const SIGN_UP_LIMIT: Limit = { points: 20, durationSeconds: 60 * 60 };

/** Users created from the client by service authentication (newUser), per client. */
export const SERVICE_NEW_USER_LIMIT: Limit = { points: 10, durationSeconds: 60 * 60 };

export function limiter(db: Database, keyPrefix: string, limit: Limit) {
  return new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix,
    points: limit.points,
    duration: limit.durationSeconds,
  });
}

/** Seconds until `res` frees a point, or 0 when points remain. */
export function waitSeconds(res: RateLimiterRes | null, points: number): number {
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

/** A place among the attempts under way, or how long to wait for one. */
export type AttemptSlot = { wait: 0; leave: () => Promise<void> } | { wait: number };

/** Attempts that present a valid device cookie for their user, keyed by the cookie's nonce. */
export type DeviceThrottle = {
  enter(device: string): Promise<AttemptSlot>;
  check(device: string): Promise<number>;
  recordFailure(device: string): Promise<void>;
};

/** `client` is the request's address: IPv6 addresses count by their /64 (throttleKey). */
export type SignInThrottle = {
  /** Takes a place among the attempts under way: the first step of every sign-in attempt. */
  enter(account: string, client: string): Promise<AttemptSlot>;
  /** 0 when an attempt may go ahead, otherwise the seconds to wait. */
  check(account: string, client: string): Promise<number>;
  recordFailure(account: string, client: string): Promise<void>;
  recordSuccess(account: string, client: string): Promise<void>;
  /** Used instead of the above when the attempt comes from a known browser. */
  device: DeviceThrottle;
};

/** The key of one client's attempts on one account; JSON keeps any two pairs apart. */
function pairKey(account: string, client: string): string {
  return JSON.stringify([account, client]);
}

export function createSignInThrottle(db: Database): SignInThrottle {
  const { perAccount, perClient } = SIGN_IN_LIMITS;
  const byAccount = limiter(db, "sign-in:account", perAccount);
  const byClient = limiter(db, "sign-in:client", perClient);
  // The streak counts a pair's consecutive failures; the back-off limiter is only ever blocked.
  const streak = limiter(db, "sign-in:pair-streak", {
    points: 1_000_000,
    durationSeconds: 24 * 60 * 60,
  });
  const backoff = limiter(db, "sign-in:pair-backoff", { points: 1, durationSeconds: 1 });
  const { inFlight } = SIGN_IN_LIMITS;
  const slots = (prefix: string, points: number) =>
    limiter(db, `sign-in:in-flight-${prefix}`, { points, durationSeconds: inFlight.seconds });
  const running = [
    { slots: slots("pair", inFlight.perPair), key: pairKey },
    { slots: slots("client", inFlight.perClient), key: (_: string, client: string) => client },
    { slots: slots("account", inFlight.perAccount), key: (account: string) => account },
  ];
  return {
    async enter(account, address) {
      const client = throttleKey(address);
      const taken: (() => Promise<unknown>)[] = [];
      const leave = async () => {
        await Promise.all(taken.map((free) => free()));
      };
      for (const { slots: limit, key } of running) {
        const slot = key(account, client);
        try {
          await limit.consume(slot);
          taken.push(() => limit.reward(slot));
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          // Counted even when refused: give the point back, with those already taken.
          await limit.reward(slot);
          await leave();
          return { wait: 1 };
        }
      }
      return { wait: 0, leave };
    },
    async check(account, address) {
      const client = throttleKey(address);
      const [a, c, b] = await Promise.all([
        byAccount.get(account),
        byClient.get(client),
        backoff.get(pairKey(account, client)),
      ]);
      return Math.max(
        waitSeconds(a, perAccount.points),
        waitSeconds(c, perClient.points),
        waitSeconds(b, 1),
      );
    },
    async recordFailure(account, address) {
      const client = throttleKey(address);
      const pair = pairKey(account, client);
      const [, , failures] = await Promise.all([
        consume(byAccount, account),
        consume(byClient, client),
        streak.penalty(pair),
      ]);
      const block = backoffSeconds(failures.consumedPoints);
      if (block > 0) await backoff.block(pair, block);
    },
    device: createDeviceThrottle(db),
    async recordSuccess(account, address) {
      // The hourly counts stay: a success does not buy another hundred guesses. Other clients'
      // streaks stay too: the owner signing in does not lift an attacker's back-off.
      const pair = pairKey(account, throttleKey(address));
      await Promise.all([streak.delete(pair), backoff.delete(pair)]);
    },
  };
}

function createDeviceThrottle(db: Database): DeviceThrottle {
  const { perDevice, inFlight } = SIGN_IN_LIMITS;
  const failures = limiter(db, "sign-in:device", perDevice);
  // One attempt at a time per cookie, so that a burst sees every failure before it.
  const slots = limiter(db, "sign-in:in-flight-device", {
    points: 1,
    durationSeconds: inFlight.seconds,
  });
  return {
    async enter(device) {
      try {
        await slots.consume(device);
        return { wait: 0, leave: async () => void (await slots.reward(device)) };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        await slots.reward(device);
        return { wait: 1 };
      }
    },
    async check(device) {
      return waitSeconds(await failures.get(device), perDevice.points);
    },
    async recordFailure(device) {
      await consume(failures, device);
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
    async take(address) {
      const client = throttleKey(address);
      const before = await rateLimiter.get(client);
      const wait = waitSeconds(before, limit.points);
      if (wait > 0) return wait;
      await consume(rateLimiter, client);
      return 0;
    },
  };
}

/**
 * A limiter that goes on counting in this instance's memory while the shared store cannot be
 * reached: what it guards needs no database (a ticket for the signed-in user), so an outage must
 * neither lift the limit nor refuse everything.
 */
export function withMemoryFallback(shared: ClientLimiter, limit: Limit): ClientLimiter {
  const memory = new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds });
  return {
    async take(key) {
      try {
        return await shared.take(key);
      } catch {
        try {
          await memory.consume(key);
          return 0;
        } catch (refused) {
          if (refused instanceof RateLimiterRes) return Math.ceil(refused.msBeforeNext / 1000);
          throw refused;
        }
      }
    },
  };
}
