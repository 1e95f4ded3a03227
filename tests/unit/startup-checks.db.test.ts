import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db/connect";
import journal from "@/lib/db/migrations/meta/_journal.json";
import { missingMigrations, refuseUnmigrated, StartupRefused } from "@/lib/startup-checks";
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
});
