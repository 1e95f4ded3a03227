import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { provisionUser } from "@/lib/credentials/registration/provision-user";
import { seedDemoAccounts } from "@/lib/credentials/registration/seed";
import { type Connection, connectDatabase } from "@/lib/db/connect";
import journal from "@/lib/db/migrations/meta/_journal.json";
import { setBanned } from "@/lib/db/queries";
import {
  databaseProblem,
  missingMigrations,
  refuseDemoPasswords,
  refuseUnmigrated,
  StartupRefused,
} from "@/lib/startup-checks";
import { testDatabases } from "./database";

describe.each(testDatabases())("start-up checks on $name", ({ open }) => {
  let connection: Connection & { drop: () => Promise<void> };

  beforeAll(async () => {
    connection = await open();
  });
  afterAll(() => connection?.drop());

  it("refuses an unmigrated database, naming what is missing, and accepts a migrated one", async () => {
    const tags = journal.entries.map((entry) => entry.tag);
    expect(await missingMigrations(connection.db)).toEqual(tags);
    const refusal = await refuseUnmigrated(connection.db).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StartupRefused);
    expect((refusal as Error).message).toContain(`lacks ${tags.length} of the app's migrations`);
    expect((refusal as Error).message).toContain("npm run db:migrate");

    await connection.migrate();
    expect(await missingMigrations(connection.db)).toEqual([]);
    await expect(refuseUnmigrated(connection.db)).resolves.toBeUndefined();
  });

  it("refuses demo accounts on the published password until each is changed or banned", async () => {
    await connection.migrate();
    await expect(refuseDemoPasswords(connection.db)).resolves.toBeUndefined();
    await seedDemoAccounts(connection.db);
    const refusal = await refuseDemoPasswords(connection.db).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StartupRefused);
    expect((refusal as Error).message).toContain(
      "The demo accounts alice (an admin), bob, carol still have the demo password",
    );
    expect((refusal as Error).message).toContain("npm run user:create -- --admin");

    const changed = await provisionUser(connection.db, {
      username: "bob",
      password: "a-password-nobody-knows",
      admin: false,
    });
    expect(changed.ok).toBe(true);
    const carol = await connection.db.query.users.findFirst({
      where: (users, { eq }) => eq(users.username, "carol"),
    });
    await setBanned(connection.db, carol?.id ?? "", true);
    await expect(refuseDemoPasswords(connection.db)).rejects.toThrow(
      /The demo account alice \(an admin\) still has/,
    );

    await provisionUser(connection.db, {
      username: "alice",
      password: "another-password-nobody-knows",
      admin: false,
    });
    await expect(refuseDemoPasswords(connection.db)).resolves.toBeUndefined();
  });
});

describe("a database that cannot be used at start-up", () => {
  async function failureOf(url: string): Promise<unknown> {
    const connection = connectDatabase({ url, dataDir: "unused" });
    try {
      await connection.migrate();
    } catch (error) {
      return error;
    } finally {
      await connection.close();
    }
    throw new Error(`${url} was usable`);
  }

  it("is explained, pointing at DATABASE_URL: unreachable, or no such database", async () => {
    const testDatabaseUrl = inject("testDatabaseUrl");
    const unreachable = new URL(testDatabaseUrl);
    unreachable.port = "1";
    const missing = new URL(testDatabaseUrl);
    missing.pathname = "/rtauth_no_such_database";
    for (const url of [unreachable, missing]) {
      expect(databaseProblem(await failureOf(url.toString()))).toContain("Check DATABASE_URL");
    }
  });

  it("is not confused with a bug", () => {
    expect(databaseProblem(new TypeError("x is undefined"))).toBeUndefined();
  });
});
