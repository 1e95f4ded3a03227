import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPasskey, findPasskey, recordPasskeyUse } from "@/lib/credentials/passkey/store";
import type { Connection } from "@/lib/db/connect";
import { openSeeded, testDatabases } from "./database";

// WebAuthn's signature counter is an unsigned 32-bit number (authenticator data, bytes 33-36):
// every value up to 2^32 - 1 is one an authenticator may send. recordPasskeyUse must take them all,
// not throw (found by the attack session: `${next} = 0` is typed int4 by the database, so a
// counter past 2^31 - 1 failed the query and the passkey sign-in ended in error=Configuration).

const MAX_COUNTER = 2 ** 32 - 1;

describe.each(testDatabases())("a passkey's counter past 2^31 on $name", (database) => {
  let connection: Connection & { drop: () => Promise<void> };
  let bob: string;

  beforeAll(async () => {
    const seeded = await openSeeded(database);
    connection = seeded.connection;
    bob = seeded.idOf("bob");
  });
  afterAll(() => connection?.drop());

  it("records a use whose counter is past int4's range", async () => {
    const credential = { id: "cred-big", publicKey: "key", counter: 5, transports: [] };
    expect(await addPasskey(connection.db, bob, credential, "Key")).toBe(true);
    expect(await recordPasskeyUse(connection.db, "cred-big", 2 ** 31)).toBe(true);
    expect(await recordPasskeyUse(connection.db, "cred-big", MAX_COUNTER)).toBe(true);
    expect((await findPasskey(connection.db, "cred-big"))?.counter).toBe(MAX_COUNTER);
    // And a later replay of the same counter is still refused, not thrown.
    expect(await recordPasskeyUse(connection.db, "cred-big", MAX_COUNTER)).toBe(false);
  });

  it("stores a new passkey whose first counter is past int4's range", async () => {
    const credential = {
      id: "cred-big-new",
      publicKey: "key",
      counter: 2 ** 31 + 7,
      transports: [],
    };
    expect(await addPasskey(connection.db, bob, credential, "Key")).toBe(true);
    expect(await recordPasskeyUse(connection.db, "cred-big-new", 2 ** 31 + 8)).toBe(true);
  });
});
