import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db/connect";
import { confirmWebSession, isRecentlyConfirmed } from "@/lib/sessions/confirmation";
import { endSessions } from "@/lib/sessions/end";
import { findWebSession, startWebSession } from "@/lib/sessions/web";
import { openSeeded, testDatabases } from "./database";

// The fresh-sign-in rule (lib/sessions/confirmation.ts): a sensitive action needs the session's
// sign-in, or its last confirmation, within STEP_UP_MAX_AGE_SECONDS; a confirmation is written on
// that session's row alone.

describe("isRecentlyConfirmed", () => {
  const at = new Date("2026-12-07T12:00:00Z");
  const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);

  it("holds for less than the maximum age, and not from the maximum age on", () => {
    expect(isRecentlyConfirmed(at, 600, at)).toBe(true);
    expect(isRecentlyConfirmed(at, 600, later(599.999))).toBe(true);
    expect(isRecentlyConfirmed(at, 600, later(600))).toBe(false);
    expect(isRecentlyConfirmed(at, 600, later(86_400))).toBe(false);
  });

  it("counts a confirmation that the clock puts in the future as recent", () => {
    expect(isRecentlyConfirmed(later(30), 600, at)).toBe(true);
  });

  it("follows the maximum age it is given", () => {
    expect(isRecentlyConfirmed(at, 5, later(4))).toBe(true);
    expect(isRecentlyConfirmed(at, 5, later(5))).toBe(false);
  });
});

describe.each(testDatabases())("confirmations on $name", (database) => {
  let connection: Connection & { drop: () => Promise<void> };
  let userId: string;

  beforeAll(async () => {
    const seeded = await openSeeded(database);
    connection = seeded.connection;
    userId = seeded.idOf("bob");
  });
  afterAll(() => connection?.drop());

  const web = () =>
    startWebSession(connection.db, { userId, method: "credentials", maxAgeSeconds: 3_600 });

  it("a sign-in counts as a confirmation: the new session is confirmed when it starts", async () => {
    const session = await web();
    expect(session.confirmedAt.getTime()).toBe(session.createdAt.getTime());
    expect(isRecentlyConfirmed(session.confirmedAt, 600)).toBe(true);
  });

  it("a confirmation moves this session's time on, and no other session's of the user", async () => {
    const [laptop, phone] = [await web(), await web()];
    const now = new Date(Date.now() + 1_000);
    const confirmed = await confirmWebSession(connection.db, laptop.id, now);
    expect(confirmed?.confirmedAt.getTime()).toBe(now.getTime());
    expect((await findWebSession(connection.db, laptop.id))?.confirmedAt.getTime()).toBe(
      now.getTime(),
    );
    expect((await findWebSession(connection.db, phone.id))?.confirmedAt.getTime()).toBe(
      phone.confirmedAt.getTime(),
    );
  });

  it("an ended session cannot be confirmed", async () => {
    const session = await web();
    await endSessions(connection.db, { userId, ids: [session.id] }, "signed_out");
    expect(await confirmWebSession(connection.db, session.id)).toBeUndefined();
    const stored = await findWebSession(connection.db, session.id);
    expect(stored?.confirmedAt.getTime()).toBe(session.confirmedAt.getTime());
  });
});
