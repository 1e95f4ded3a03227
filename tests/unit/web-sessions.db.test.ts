import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db/connect";
import { findUserById } from "@/lib/db/queries";
import { endSessions } from "@/lib/sessions/end";
import { webLiveness } from "@/lib/sessions/liveness";
import { startRealtimeSession } from "@/lib/sessions/realtime";
import { extendWebSession, findWebSession, startWebSession } from "@/lib/sessions/web";
import type { SessionEndReason } from "@/lib/vocabulary/end-reason";
import { openSeeded, sessionByToken, TEST_SECRET, testDatabases } from "./database";

describe.each(testDatabases())("web sessions on $name", (database) => {
  let connection: Connection & { drop: () => Promise<void> };
  let bobId: string;
  let aliceId: string;

  beforeAll(async () => {
    const seeded = await openSeeded(database);
    connection = seeded.connection;
    bobId = seeded.idOf("bob");
    aliceId = seeded.idOf("alice");
  });
  afterAll(() => connection?.drop());

  const MAX_AGE = 30 * 86_400;
  const startFor = (userId: string) =>
    startWebSession(connection.db, {
      maxAgeSeconds: MAX_AGE,
      userId,
      method: "credentials",
      userAgent: "x".repeat(2_000),
      clientAddress: "203.0.113.7",
    });

  /** Ends one web session through the store, as a sign-out does; the ids of what ended. */
  const endWeb = async (id: string, reason: SessionEndReason) => {
    const userId = (await findWebSession(connection.db, id))?.userId ?? "";
    return (await endSessions(connection.db, { userId, ids: [id] }, reason)).map((s) => s.id);
  };
  const expireAll = (now: Date) =>
    endSessions(connection.db, { expired: true, idleSeconds: 3_600 }, "session_expired", now);

  const realtimeFor = (userId: string, webSessionId?: string) =>
    startRealtimeSession(connection.db, {
      userId,
      ticketNonce: `nonce-${Math.random()}`,
      flow: "backend",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
      webSessionId,
    });

  it("records a sign-in that lives for the cookie's lifetime, with bounded client fields", async () => {
    const session = await startFor(bobId);
    expect(session.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.userAgent).toHaveLength(512);
    expect(session.clientAddress).toBe("203.0.113.7");
    const days = (session.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(webLiveness(session).live).toBe(true);
    expect(webLiveness(session, new Date(session.expiresAt.getTime() + 1)).live).toBe(false);
  });

  it("follows the cookie: extended to a full maxAge once updateAge has passed, never shortened", async () => {
    const session = await startFor(aliceId);
    const ages = { maxAgeSeconds: MAX_AGE, updateAgeSeconds: 86_400 };
    // Read again within updateAge: the record stays, as Auth.js's database sessions do.
    const soon = new Date(Date.now() + 3_600_000);
    expect(await extendWebSession(connection.db, session, ages, soon)).toBeUndefined();
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect(await extendWebSession(connection.db, session, ages, later)).toEqual(
      new Date(later.getTime() + MAX_AGE * 1000),
    );
    const extended = await findWebSession(connection.db, session.id);
    expect(extended?.expiresAt.getTime()).toBe(later.getTime() + MAX_AGE * 1000);
    // A stale copy of the record (another instance's cache) cannot pull it back.
    expect(
      await extendWebSession(connection.db, session, ages, new Date(later.getTime() - 1)),
    ).toBeUndefined();
    // An ended session is not brought back.
    await endWeb(session.id, "signed_out");
    const far = new Date(Date.now() + 10 * 86_400_000);
    expect(await extendWebSession(connection.db, session, ages, far)).toBeUndefined();
  });

  it("expires sessions past their expiry once, with the realtime sessions they started", async () => {
    const session = await startFor(aliceId);
    const child = await realtimeFor(aliceId, session.id);
    const kept = await startFor(aliceId);
    const now = new Date(session.expiresAt.getTime() + 1);
    await extendWebSession(
      connection.db,
      kept,
      { maxAgeSeconds: MAX_AGE, updateAgeSeconds: 1 },
      new Date(now.getTime() - 1_000),
    );
    const expired = await expireAll(now);
    const ids = expired.map((ended) => ended.id);
    expect(ids).toEqual(expect.arrayContaining([session.id, child?.id]));
    expect(ids).not.toContain(kept.id);
    expect(await expireAll(now)).toEqual([]);
    expect((await findWebSession(connection.db, session.id))?.endReason).toBe("session_expired");
    expect((await sessionByToken(connection.db, child?.token ?? ""))?.endReason).toBe(
      "session_expired",
    );
    await endWeb(kept.id, "signed_out");
  });

  it("sign-out ends that session and the realtime sessions its tickets started, nothing else", async () => {
    const mine = await startFor(bobId);
    const otherDevice = await startFor(bobId);
    const child = await realtimeFor(bobId, mine.id);
    const sibling = await realtimeFor(bobId, otherDevice.id);

    expect(await endWeb(mine.id, "signed_out")).toEqual([mine.id, child?.id]);
    const ended = await findWebSession(connection.db, mine.id);
    expect(ended?.endReason).toBe("signed_out");
    expect(ended && webLiveness(ended).live).toBe(false);
    expect((await sessionByToken(connection.db, child?.token ?? ""))?.live).toBe(false);

    const kept = await findWebSession(connection.db, otherDevice.id);
    expect(kept && webLiveness(kept).live).toBe(true);
    expect((await sessionByToken(connection.db, sibling?.token ?? ""))?.live).toBe(true);
    // Ending it again changes nothing and reports nothing.
    expect(await endWeb(mine.id, "signed_out")).toEqual([]);
  });

  it("ending every session of a user leaves other users alone and refuses earlier tickets", async () => {
    const bobs = [await startFor(bobId), await startFor(bobId)];
    const bobsRealtime = await realtimeFor(bobId);
    const alices = await startFor(aliceId);

    await endSessions(connection.db, { userId: bobId, all: true }, "banned");
    for (const session of bobs) {
      expect((await findWebSession(connection.db, session.id))?.endReason).toBe("banned");
    }
    expect((await sessionByToken(connection.db, bobsRealtime?.token ?? ""))?.live).toBe(false);
    expect((await findUserById(connection.db, bobId))?.realtimeRevokedAt).toBeInstanceOf(Date);
    const untouched = await findWebSession(connection.db, alices.id);
    expect(untouched && webLiveness(untouched).live).toBe(true);
  });

  it("a realtime session started from a web session that already ended is not live", async () => {
    const ended = await startFor(bobId);
    await endWeb(ended.id, "signed_out");
    // As if the exchange had raced the sign-out and inserted after it.
    const late = await realtimeFor(bobId, ended.id);
    expect((await sessionByToken(connection.db, late?.token ?? ""))?.live).toBe(false);
  });
});
