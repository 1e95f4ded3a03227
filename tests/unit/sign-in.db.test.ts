import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/credentials/password/hash";
import {
  backoffSeconds,
  createClientLimiter,
  createSignInThrottle,
  SIGN_IN_LIMITS,
} from "@/lib/credentials/password/throttle";
import { verifyCredentials } from "@/lib/credentials/password/verify";
import { DEMO_PASSWORD, seedDemoAccounts } from "@/lib/credentials/registration/seed";
import type { Connection } from "@/lib/db/connect";
import journal from "@/lib/db/migrations/meta/_journal.json";
import { createUser, findUserById } from "@/lib/db/queries";
import { users } from "@/lib/db/schema";
import { testDatabases } from "./database";

/** postgres.js returns the rows; PGlite returns `{ rows }`. */
function rows(result: unknown): unknown[] {
  return Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
}

const PASSWORD = "a-long-enough-password";

describe.each(testDatabases())("$name", ({ open }) => {
  let connection: Connection & { drop: () => Promise<void> };

  beforeAll(async () => {
    connection = await open();
    await connection.migrate();
  });
  afterAll(() => connection?.drop());

  it("applies each committed migration exactly once, however often it runs", async () => {
    await connection.migrate();
    await connection.migrate();
    const applied = await connection.db.execute(sql`select hash from drizzle.__drizzle_migrations`);
    expect(rows(applied)).toHaveLength(journal.entries.length);
  });

  it("seeds the demo accounts once", async () => {
    expect(await seedDemoAccounts(connection.db)).toEqual(["alice", "bob", "carol"]);
    expect(await seedDemoAccounts(connection.db)).toEqual([]);
    const [alice] = await connection.db.select().from(users).where(eq(users.username, "alice"));
    expect(alice?.role).toBe("admin");
  });

  it("refuses a duplicate username", async () => {
    const passwordHash = await hashPassword(PASSWORD);
    const first = await createUser(connection.db, { username: "dup", passwordHash });
    expect(first?.username).toBe("dup");
    expect(await createUser(connection.db, { username: "dup", passwordHash })).toBeUndefined();
    expect((await findUserById(connection.db, first?.id ?? ""))?.name).toBe("dup");
  });

  it("signs in with the right password and gives one answer for every failure", async () => {
    const throttle = createSignInThrottle(connection.db);
    const ok = await verifyCredentials(
      connection.db,
      throttle,
      { username: "Bob", password: DEMO_PASSWORD },
      "c1",
    );
    expect(ok.ok && ok.user.username).toBe("bob");

    const wrong = await verifyCredentials(
      connection.db,
      throttle,
      { username: "bob", password: "nope" },
      "c1",
    );
    const unknown = await verifyCredentials(
      connection.db,
      throttle,
      { username: "nobody", password: "nope" },
      "c1",
    );
    const malformed = await verifyCredentials(connection.db, throttle, { username: 42 }, "c1");
    // The same answer to the client; only the activity log learns whose account it was.
    expect(wrong).toEqual({ ok: false, reason: "invalid_credentials", userId: expect.any(String) });
    expect(unknown).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(malformed).toEqual(unknown);
  });

  it("backs off a client that keeps failing on an account, even with the right password", async () => {
    const throttle = createSignInThrottle(connection.db);
    const passwordHash = await hashPassword(PASSWORD);
    await createUser(connection.db, { username: "target", passwordHash });
    for (let i = 0; i <= SIGN_IN_LIMITS.backoff.freeFailures; i++) {
      const result = await verifyCredentials(
        connection.db,
        throttle,
        { username: "target", password: "x" },
        "attacker",
      );
      expect(result).toMatchObject({ ok: false, reason: "invalid_credentials" });
    }
    // Even the right password is refused while backing off, so guessing gains nothing.
    const result = await verifyCredentials(
      connection.db,
      throttle,
      { username: "target", password: PASSWORD },
      "attacker",
    );
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    const wait = result.ok || result.reason !== "throttled" ? 0 : result.retryAfterSeconds;
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
  });

  it("lets the owner sign in from another client while an attacker's client is backed off", async () => {
    const throttle = createSignInThrottle(connection.db);
    const passwordHash = await hashPassword(PASSWORD);
    await createUser(connection.db, { username: "owner", passwordHash });
    for (let i = 0; i < 8; i++) await throttle.recordFailure("owner", "attacker");
    expect(await throttle.check("owner", "attacker")).toBeGreaterThan(0);

    const owner = await verifyCredentials(
      connection.db,
      throttle,
      { username: "owner", password: PASSWORD },
      "owners-laptop",
    );
    expect(owner.ok && owner.user.username).toBe("owner");
    // The owner's success lifts nothing for the attacker.
    expect(await throttle.check("owner", "attacker")).toBeGreaterThan(0);
  });

  it("doubles a client's back-off with each further failure, up to an hour", async () => {
    const throttle = createSignInThrottle(connection.db);
    const waits: number[] = [];
    for (let i = 1; i <= 12; i++) {
      await throttle.recordFailure("doubling", "c7");
      waits.push(await throttle.check("doubling", "c7"));
    }
    const minutes = waits.map((seconds) => Math.round(seconds / 60));
    expect(minutes).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
    expect(backoffSeconds(100)).toBe(3600);
    // Neither the client's other accounts nor the account's other clients are backed off.
    expect(await throttle.check("doubling", "other")).toBe(0);
    expect(await throttle.check("another-account", "c7")).toBe(0);
  });

  it("allows at most 100 failures per account per hour, from every client, even after a success", async () => {
    const throttle = createSignInThrottle(connection.db);
    const passwordHash = await hashPassword(PASSWORD);
    await createUser(connection.db, { username: "hundred", passwordHash });
    // Spread over many clients, none of them fails often enough to be backed off.
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.points; i++) {
      await throttle.recordFailure("hundred", `client-${i % 40}`);
    }
    const owner = await verifyCredentials(
      connection.db,
      throttle,
      { username: "hundred", password: PASSWORD },
      "owners-laptop",
    );
    expect(owner).toMatchObject({ ok: false, reason: "throttled" });
    await throttle.recordSuccess("hundred", "client-0");
    for (const client of ["client-0", "owners-laptop", "anyone"]) {
      expect(await throttle.check("hundred", client)).toBeGreaterThan(55 * 60);
    }
    expect(await throttle.check("someone-else", "anyone")).toBe(0);
  });

  it("throttles a client after repeated failures, whatever the account", async () => {
    const throttle = createSignInThrottle(connection.db);
    for (let i = 0; i < SIGN_IN_LIMITS.perClient.points; i++) {
      await throttle.recordFailure(`account-${i}`, "noisy-client");
    }
    expect(await throttle.check("carol", "noisy-client")).toBeGreaterThan(0);
    expect(await throttle.check("carol", "quiet-client")).toBe(0);
  });

  it("restarts a client's streak on an account after it signs in", async () => {
    const throttle = createSignInThrottle(connection.db);
    const fail = () =>
      verifyCredentials(connection.db, throttle, { username: "carol", password: "x" }, "c2");
    for (let i = 0; i < SIGN_IN_LIMITS.backoff.freeFailures; i++) await fail();
    const ok = await verifyCredentials(
      connection.db,
      throttle,
      { username: "carol", password: DEMO_PASSWORD },
      "c2",
    );
    expect(ok.ok).toBe(true);
    // Without the restart this would be the eighth failure in a row, and backed off.
    for (let i = 0; i < SIGN_IN_LIMITS.backoff.freeFailures; i++) await fail();
    expect(await throttle.check("carol", "c2")).toBe(0);
    await fail();
    expect(await throttle.check("carol", "c2")).toBeGreaterThan(0);
  });

  it("keeps the pairs of account and client apart, whatever they contain", async () => {
    const throttle = createSignInThrottle(connection.db);
    for (let i = 0; i < 6; i++) await throttle.recordFailure("a:b", "c");
    expect(await throttle.check("a:b", "c")).toBeGreaterThan(0);
    expect(await throttle.check("a", "b:c")).toBe(0);
  });

  it("refuses a banned user only after the password is proven", async () => {
    const throttle = createSignInThrottle(connection.db);
    const passwordHash = await hashPassword(PASSWORD);
    await createUser(connection.db, { username: "banned", passwordHash });
    await connection.db
      .update(users)
      .set({ bannedAt: new Date() })
      .where(eq(users.username, "banned"));
    const wrong = await verifyCredentials(
      connection.db,
      throttle,
      { username: "banned", password: "x" },
      "c4",
    );
    const right = await verifyCredentials(
      connection.db,
      throttle,
      { username: "banned", password: PASSWORD },
      "c4",
    );
    expect(wrong).toMatchObject({ ok: false, reason: "invalid_credentials" });
    expect(right).toMatchObject({ ok: false, reason: "banned" });
  });

  it("limits a client's sign-ups", async () => {
    const limiter = createClientLimiter(connection.db, "test-sign-up", {
      points: 2,
      durationSeconds: 60,
    });
    expect(await limiter.take("c5")).toBe(0);
    expect(await limiter.take("c5")).toBe(0);
    expect(await limiter.take("c5")).toBeGreaterThan(0);
    expect(await limiter.take("c6")).toBe(0);
  });

  it("counts the addresses of one IPv6 /64 as one client, so rotating them buys no budget", async () => {
    const limiter = createClientLimiter(connection.db, "test-sign-up-v6", {
      points: 2,
      durationSeconds: 60,
    });
    expect(await limiter.take("2001:db8:1:2::1")).toBe(0);
    expect(await limiter.take("2001:db8:1:2:ffff:ffff:ffff:fffe")).toBe(0);
    expect(await limiter.take("2001:db8:1:2:abcd::9")).toBeGreaterThan(0);
    // The next /64 is another subscriber.
    expect(await limiter.take("2001:db8:1:3::1")).toBe(0);

    const throttle = createSignInThrottle(connection.db);
    for (let i = 0; i < 8; i++) await throttle.recordFailure("v6-target", `2001:db8:9:9::${i + 1}`);
    expect(await throttle.check("v6-target", "2001:db8:9:9::abc")).toBeGreaterThan(0);
    expect(await throttle.check("v6-target", "2001:db8:9:a::1")).toBe(0);
  });

  it("takes a burst one attempt at a time per client and account, so the back-off holds", async () => {
    const passwordHash = await hashPassword(PASSWORD);
    await createUser(connection.db, { username: "burst", passwordHash });
    const throttle = createSignInThrottle(connection.db);
    const attempt = (client: string, password = "wrong-password-x") =>
      verifyCredentials(connection.db, throttle, { username: "burst", password }, client);

    // Twelve at once from one client: before, all twelve were checked before any failure counted.
    const burst = await Promise.all(Array.from({ length: 12 }, () => attempt("burster")));
    const judged = burst.filter((result) => !result.ok && result.reason === "invalid_credentials");
    expect(judged.length).toBeGreaterThanOrEqual(1);
    expect(judged.length).toBeLessThanOrEqual(SIGN_IN_LIMITS.backoff.freeFailures);
    // Bursts keep getting at most what one attempt at a time would: the back-off comes all the same.
    for (let round = 0; round < 6; round++)
      await Promise.all([attempt("burster"), attempt("burster")]);
    expect(await throttle.check("burst", "burster")).toBeGreaterThan(0);
    // The slots are given back: the owner, from another client, signs in at once.
    expect((await attempt("owner", PASSWORD)).ok).toBe(true);
  });
});
