import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHALLENGE_TTL_SECONDS,
  consumeChallenge,
  issueChallenge,
} from "@/lib/credentials/passkey/challenge";
import {
  addPasskey,
  findPasskey,
  recordPasskeyUse,
  removePasskey,
  renamePasskey,
} from "@/lib/credentials/passkey/store";
import type { Connection } from "@/lib/db/connect";
import { openSeeded, testDatabases } from "./database";

// Passkeys in the database: a challenge answers once, for its purpose and user, for 5 minutes;
// a passkey's counter moves forward only, in one statement; removing one is for its owner.

describe.each(testDatabases())("passkeys on $name", (database) => {
  let connection: Connection & { drop: () => Promise<void> };
  let bob: string;
  let carol: string;

  beforeAll(async () => {
    const seeded = await openSeeded(database);
    connection = seeded.connection;
    bob = seeded.idOf("bob");
    carol = seeded.idOf("carol");
  });
  afterAll(() => connection?.drop());

  it("answers a challenge once: a replay finds nothing", async () => {
    const id = await issueChallenge(connection.db, "abc", { purpose: "sign_in", userId: null });
    const expected = { purpose: "sign_in", userId: null } as const;
    expect(await consumeChallenge(connection.db, id, expected)).toBe("abc");
    expect(await consumeChallenge(connection.db, id, expected)).toBeUndefined();
  });

  it("gives two racing answers the challenge once", async () => {
    const id = await issueChallenge(connection.db, "race", { purpose: "sign_in", userId: null });
    const expected = { purpose: "sign_in", userId: null } as const;
    const answers = await Promise.all([
      consumeChallenge(connection.db, id, expected),
      consumeChallenge(connection.db, id, expected),
    ]);
    expect(answers.filter((answer) => answer === "race")).toHaveLength(1);
  });

  it("refuses a challenge for another purpose or user, and uses it up", async () => {
    const issued = { purpose: "step_up", userId: bob } as const;
    const bobs = await issueChallenge(connection.db, "c1", issued);
    expect(await consumeChallenge(connection.db, bobs, { ...issued, userId: carol })).toBe(
      undefined,
    );
    expect(await consumeChallenge(connection.db, bobs, issued)).toBeUndefined();
    const forSignIn = await issueChallenge(connection.db, "c2", issued);
    expect(
      await consumeChallenge(connection.db, forSignIn, { purpose: "sign_in", userId: null }),
    ).toBeUndefined();
    expect(await consumeChallenge(connection.db, undefined, issued)).toBeUndefined();
  });

  it("refuses a challenge past its 5 minutes", async () => {
    const at = new Date("2026-12-07T12:00:00Z");
    const later = new Date(at.getTime() + CHALLENGE_TTL_SECONDS * 1000);
    const issued = { purpose: "register", userId: bob } as const;
    const id = await issueChallenge(connection.db, "old", issued, at);
    expect(await consumeChallenge(connection.db, id, issued, later)).toBeUndefined();
    const fresh = await issueChallenge(connection.db, "new", issued, at);
    expect(
      await consumeChallenge(connection.db, fresh, issued, new Date(later.getTime() - 1)),
    ).toBe("new");
  });

  it("moves a counter forward only, and lets 0 stay 0", async () => {
    const credential = { id: "cred-counter", publicKey: "key", counter: 3, transports: [] };
    expect(await addPasskey(connection.db, bob, credential, "Laptop")).toBe(true);
    expect(await addPasskey(connection.db, carol, credential, "Again")).toBe(false);
    expect(await recordPasskeyUse(connection.db, "cred-counter", 3)).toBe(false);
    expect(await recordPasskeyUse(connection.db, "cred-counter", 2)).toBe(false);
    expect(await recordPasskeyUse(connection.db, "cred-counter", 4)).toBe(true);
    const racing = await Promise.all([
      recordPasskeyUse(connection.db, "cred-counter", 5),
      recordPasskeyUse(connection.db, "cred-counter", 5),
    ]);
    expect(racing.filter(Boolean)).toHaveLength(1);
    expect((await findPasskey(connection.db, "cred-counter"))?.lastUsedAt).toBeInstanceOf(Date);

    const synced = { id: "cred-zero", publicKey: "key", counter: 0, transports: [] };
    await addPasskey(connection.db, bob, synced, "Phone");
    expect(await recordPasskeyUse(connection.db, "cred-zero", 0)).toBe(true);
    expect(await recordPasskeyUse(connection.db, "cred-zero", 0)).toBe(true);
  });

  it("renames and removes a passkey for its owner alone", async () => {
    const credential = { id: "cred-owned", publicKey: "key", counter: 0, transports: ["internal"] };
    await addPasskey(connection.db, bob, credential, "Chrome 140 on Linux");
    expect(await renamePasskey(connection.db, carol, "cred-owned", "Mine now")).toBe(false);
    expect(await removePasskey(connection.db, carol, "cred-owned")).toBe(false);
    expect(await renamePasskey(connection.db, bob, "cred-owned", "Work laptop")).toBe(true);
    expect((await findPasskey(connection.db, "cred-owned"))?.name).toBe("Work laptop");
    expect(await removePasskey(connection.db, bob, "cred-owned")).toBe(true);
    expect(await findPasskey(connection.db, "cred-owned")).toBeUndefined();
  });
});
