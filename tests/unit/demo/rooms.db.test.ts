import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRoomAudience } from "@/demo/db/queries";
import type { Connection } from "@/lib/db/connect";
import { openSeeded, testDatabases } from "../database";

describe.each(testDatabases())("the demo's rooms on $name", (database) => {
  let connection: Connection & { drop: () => Promise<void> };

  beforeAll(async () => {
    connection = (await openSeeded(database)).connection;
  });
  afterAll(() => connection?.drop());

  it("come from the demo's migration, with their audiences", async () => {
    expect(await findRoomAudience(connection.db, "lobby")).toBe("everyone");
    expect(await findRoomAudience(connection.db, "staff")).toBe("admins");
    expect(await findRoomAudience(connection.db, "nowhere")).toBeUndefined();
  });
});
