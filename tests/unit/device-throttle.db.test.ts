import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/credentials/password/hash";
import { createSignInThrottle, SIGN_IN_LIMITS } from "@/lib/credentials/password/throttle";
import { verifyCredentials } from "@/lib/credentials/password/verify";
import { createSignUpCap } from "@/lib/credentials/registration/sign-up-cap";
import type { Connection } from "@/lib/db/connect";
import { createUser } from "@/lib/db/queries";
import { testDatabases } from "./database";

// Device cookies (lib/identity/device-cookie.ts) as the throttle sees them: the cookie's nonce, for
// the user it names. The cookie's signing is tested in device-cookie.test.ts.

const PASSWORD = "a-long-enough-password";

describe.each(testDatabases())("$name", ({ open }) => {
  let connection: Connection & { drop: () => Promise<void> };

  beforeAll(async () => {
    connection = await open();
    await connection.migrate();
  });
  afterAll(() => connection?.drop());

  async function owner(username: string) {
    const user = await createUser(connection.db, {
      username,
      passwordHash: await hashPassword(PASSWORD),
    });
    if (!user) throw new Error("not created");
    return user;
  }

  it("lets a known browser sign in while strangers have locked the account out", async () => {
    const throttle = createSignInThrottle(connection.db);
    const user = await owner("locked-owner");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.points; i++) {
      await throttle.recordFailure("locked-owner", `stranger-${i}`);
    }
    const input = { username: "locked-owner", password: PASSWORD };
    const unknown = await verifyCredentials(connection.db, throttle, input, "owners-laptop");
    expect(unknown).toMatchObject({ ok: false, reason: "throttled" });

    const known = (id: string) => (id === user.id ? "owners-nonce-000000000" : undefined);
    const signedIn = await verifyCredentials(connection.db, throttle, input, "anywhere", known);
    expect(signedIn).toMatchObject({ ok: true });
  });

  it("counts a known browser's failures on its own budget, then refuses that browser alone", async () => {
    const throttle = createSignInThrottle(connection.db);
    const user = await owner("typo-owner");
    const known = (id: string) => (id === user.id ? "typo-nonce-00000000000" : undefined);
    const wrong = { username: "typo-owner", password: "not-the-password" };
    for (let i = 0; i < SIGN_IN_LIMITS.perDevice.points; i++) {
      const failed = await verifyCredentials(connection.db, throttle, wrong, "laptop", known);
      expect(failed, `attempt ${i + 1}`).toMatchObject({ reason: "invalid_credentials" });
    }
    const right = { username: "typo-owner", password: PASSWORD };
    const refused = await verifyCredentials(connection.db, throttle, right, "laptop", known);
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    expect(await throttle.device.check("typo-nonce-00000000000")).toBeGreaterThan(55 * 60);

    // Nothing was counted on the account or the client: an unknown browser, even on the same
    // address, still signs in.
    expect(await throttle.check("typo-owner", "laptop")).toBe(0);
    const other = await verifyCredentials(connection.db, throttle, right, "laptop");
    expect(other).toMatchObject({ ok: true });
  });

  it("treats a device cookie for another user as none", async () => {
    const throttle = createSignInThrottle(connection.db);
    await owner("victim");
    const mine = await owner("attacker-own");
    const known = (id: string) => (id === mine.id ? "attacker-nonce-0000000" : undefined);
    for (let i = 0; i < 5; i++) {
      const guess = { username: "victim", password: `guess-${i}-xxxxxxxx` };
      await verifyCredentials(connection.db, throttle, guess, "attacker", known);
    }
    // Counted as an unknown browser's guesses: the pair is backed off, the device untouched.
    expect(await throttle.check("victim", "attacker")).toBeGreaterThan(0);
    expect(await throttle.device.check("attacker-nonce-0000000")).toBe(0);
  });

  it("caps new accounts for the whole site, and gives back the place of one not created", async () => {
    const cap = createSignUpCap(connection.db, 2);
    expect(await cap.reserve()).toBe(0);
    expect(await cap.reserve()).toBe(0);
    const wait = await cap.reserve();
    expect(wait).toBeGreaterThan(55 * 60);
    expect(wait).toBeLessThanOrEqual(60 * 60);
    await cap.release();
    expect(await cap.reserve()).toBe(0);
    expect(await cap.reserve()).toBeGreaterThan(0);
  });
});
