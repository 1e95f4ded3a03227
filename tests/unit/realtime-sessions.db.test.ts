import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db/connect";
import { findUserById, recordPresence, watchlistFor } from "@/lib/db/queries";
import { realtimeSessions } from "@/lib/db/schema";
import { endSessions } from "@/lib/sessions/end";
import {
  findSession,
  rotateSession,
  sessionState,
  spendGrace,
  startRealtimeSession,
} from "@/lib/sessions/realtime";
import { readSessionToken, sessionToken } from "@/lib/sessions/session-tokens";
import { openSeeded, sessionByToken, TEST_SECRET, testDatabases } from "./database";

describe.each(testDatabases())("realtime sessions on $name", (database) => {
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

  /** What the realtime gate accepts: a session that neither expired nor was revoked. */
  async function liveSession(token: string) {
    const session = await sessionByToken(connection.db, token);
    return session?.live ? { userId: session.userId, flow: session.flow } : undefined;
  }

  it("starts one session per ticket and stores only the token's hash", async () => {
    const session = await startRealtimeSession(connection.db, {
      userId: bobId,
      ticketNonce: "nonce-1",
      flow: "backend",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
    });
    expect(session?.token).toMatch(/^rts_[0-9a-f-]{36}\.0\.[A-Za-z0-9_-]{43}$/);
    const again = await startRealtimeSession(connection.db, {
      userId: bobId,
      ticketNonce: "nonce-1",
      flow: "backend",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
    });
    expect(again).toBeUndefined();

    const stored = await connection.db
      .select()
      .from(realtimeSessions)
      .where(eq(realtimeSessions.ticketNonce, "nonce-1"));
    expect(stored[0]?.generation).toBe(0);
    const signature = session?.token.split(".").at(-1) ?? "";
    expect(JSON.stringify(stored)).not.toContain(signature);
    expect(await liveSession(session?.token ?? "")).toEqual({
      userId: bobId,
      flow: "backend",
    });
  });

  it("does not accept expired, unknown or malformed tokens", async () => {
    const session = await startRealtimeSession(connection.db, {
      userId: bobId,
      ticketNonce: "nonce-2",
      flow: "backend",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
    });
    await connection.db
      .update(realtimeSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(realtimeSessions.ticketNonce, "nonce-2"));
    expect(await liveSession(session?.token ?? "")).toBeUndefined();
    expect(await liveSession("rts_unknown")).toBeUndefined();
    // Signed under another secret, or for a generation that the signature does not cover.
    const id = session?.id ?? "";
    expect(await liveSession(sessionToken("another-secret", id, 0))).toBeUndefined();
    const [prefix, , mac] = (session?.token ?? "").split(".");
    expect(await liveSession(`${prefix}.1.${mac}`)).toBeUndefined();
    expect(await liveSession("not-a-token")).toBeUndefined();
  });

  it("revokes every session of a user and marks when", async () => {
    const one = await startRealtimeSession(connection.db, {
      userId: bobId,
      ticketNonce: "nonce-3",
      flow: "backend",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
    });
    const other = await startRealtimeSession(connection.db, {
      userId: aliceId,
      ticketNonce: "nonce-4",
      flow: "backend",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
    });
    await endSessions(connection.db, { userId: bobId, all: true }, "signed_out_everywhere");
    expect(await liveSession(one?.token ?? "")).toBeUndefined();
    expect(await liveSession(other?.token ?? "")).toEqual({
      userId: aliceId,
      flow: "backend",
    });
    expect((await findUserById(connection.db, bobId))?.realtimeRevokedAt).toBeInstanceOf(Date);
  });

  it("ends only the sessions that service authentication started", async () => {
    const service = await startRealtimeSession(connection.db, {
      userId: aliceId,
      ticketNonce: "svc-1",
      flow: "service",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
    });
    const backend = await startRealtimeSession(connection.db, {
      userId: aliceId,
      ticketNonce: "be-1",
      flow: "backend",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
    });
    const endService = () =>
      endSessions(connection.db, { flow: "service" }, "service_auth_disabled");
    expect(await endService()).toEqual([
      { id: service?.id ?? "", userId: aliceId, kind: "realtime" },
    ]);
    expect(await liveSession(service?.token ?? "")).toBeUndefined();
    expect(await liveSession(backend?.token ?? "")).toEqual({
      userId: aliceId,
      flow: "backend",
    });
    expect(await endService()).toEqual([]);
    // An ended session is still found, so that the refusal can say why it ended.
    expect(await sessionByToken(connection.db, service?.token ?? "")).toMatchObject({
      id: service?.id,
      userId: aliceId,
      flow: "service",
      live: false,
      // Every end names its reason, the switch's too.
      endReason: "service_auth_disabled",
    });
  });

  it("rotates a token one generation at a time, once per generation, and marks when", async () => {
    const session = await startRealtimeSession(connection.db, {
      userId: bobId,
      ticketNonce: "rotate-1",
      flow: "backend",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
    });
    const id = session?.id ?? "";
    expect(readSessionToken(TEST_SECRET, session?.token ?? "")).toEqual({ id, generation: 0 });
    const before = await findSession(connection.db, id);
    const at = new Date(Date.now() + 5_000);
    // Two requests that present generation 0 at once: one rotates, the other finds it moved.
    const raced = await Promise.all([
      rotateSession(connection.db, id, 0, { idleSeconds: 60, now: at }),
      rotateSession(connection.db, id, 0, { idleSeconds: 60, now: at }),
    ]);
    expect(raced.map(Boolean).sort()).toEqual([false, true]);
    expect(raced.find(Boolean)).toMatchObject({ id, generation: 1 });
    const after = await findSession(connection.db, id);
    expect(after?.generation).toBe(1);
    expect(after?.rotatedAt.getTime()).toBe(at.getTime());
    expect(after?.rotatedAt.getTime()).toBeGreaterThan(before?.rotatedAt.getTime() ?? 0);
    // The previous token's one grace answer is spent once, and comes back with the next rotation.
    expect(await spendGrace(connection.db, id, 1)).toBe(true);
    expect(await spendGrace(connection.db, id, 1)).toBe(false);
    // Not once it is idle past the timeout, nor past its lifetime: a rotation revives nothing.
    const idleAt = new Date(at.getTime() + 61_000);
    expect(
      Boolean(await rotateSession(connection.db, id, 1, { idleSeconds: 60, now: idleAt })),
    ).toBe(false);
    const oldAt = new Date(Date.now() + 3_601_000);
    expect(
      Boolean(await rotateSession(connection.db, id, 1, { idleSeconds: 7_200, now: oldAt })),
    ).toBe(false);
    expect(Boolean(await rotateSession(connection.db, id, 1, { idleSeconds: 60 }))).toBe(true);
    expect(await spendGrace(connection.db, id, 2)).toBe(true);
    // An ended session rotates no more.
    const reuse = () => endSessions(connection.db, { userId: bobId, ids: [id] }, "session_reused");
    expect(await reuse()).toHaveLength(1);
    expect(await reuse()).toEqual([]);
    expect(Boolean(await rotateSession(connection.db, id, 2, { idleSeconds: 60 }))).toBe(false);
    const ended = await findSession(connection.db, id);
    expect(ended && sessionState(ended, { idleSeconds: 60 })).toEqual({
      live: false,
      reason: "session_reused",
    });
  });

  it("rotates requests that arrive together in one write, each session once, for the first to ask", async () => {
    const sessions = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        startRealtimeSession(connection.db, {
          userId: aliceId,
          ticketNonce: `together-${i}`,
          flow: "backend",
          maxAgeSeconds: 3_600,
          secret: TEST_SECRET,
        }),
      ),
    );
    const ids = sessions.map((session) => session?.id ?? "");
    // Each session asked for three times at once: twice with its generation, once with a stale one.
    const asked = ids.flatMap((id) => [
      { id, generation: 0 },
      { id, generation: 0 },
      { id, generation: 5 },
    ]);
    const answers = await Promise.all(
      asked.map(({ id, generation }) =>
        rotateSession(connection.db, id, generation, { idleSeconds: 60 }),
      ),
    );
    for (const [i, id] of ids.entries()) {
      const [first, second, stale] = answers.slice(i * 3, i * 3 + 3);
      expect(first).toMatchObject({ id, generation: 1 });
      expect(second).toBeUndefined();
      expect(stale).toBeUndefined();
    }
    const rows = await Promise.all(ids.map((id) => findSession(connection.db, id)));
    expect(rows.map((row) => row?.generation)).toEqual(ids.map(() => 1));
    // The first request was written alone; the others, which arrived meanwhile, in one statement
    // at one time.
    expect(new Set(rows.map((row) => row?.rotatedAt.getTime())).size).toBeLessThanOrEqual(2);
  });

  it("expires a session past its idle timeout or its lifetime, once", async () => {
    const start = (nonce: string, maxAgeSeconds: number) =>
      startRealtimeSession(connection.db, {
        userId: aliceId,
        ticketNonce: nonce,
        flow: "service",
        maxAgeSeconds,
        secret: TEST_SECRET,
      });
    const idle = await start("idle-1", 3_600);
    const old = await start("old-1", 60);
    const busy = await start("busy-1", 3_600);
    const now = new Date(Date.now() + 120_000);
    // Used a second before the sweep: neither idle nor old.
    await rotateSession(connection.db, busy?.id ?? "", 0, {
      idleSeconds: 3_600,
      now: new Date(now.getTime() - 1_000),
    });
    const idleRow = await findSession(connection.db, idle?.id ?? "");
    expect(idleRow && sessionState(idleRow, { idleSeconds: 100, now })).toEqual({
      live: false,
      reason: "session_expired",
    });

    const expire = () =>
      endSessions(connection.db, { expired: true, idleSeconds: 100 }, "session_expired", now);
    const expired = await expire();
    const ids = expired.map((session) => session.id);
    expect(ids).toEqual(expect.arrayContaining([idle?.id, old?.id]));
    expect(ids).not.toContain(busy?.id);
    expect(await expire()).toEqual([]);
    expect((await findSession(connection.db, old?.id ?? ""))?.endReason).toBe("session_expired");
    await endSessions(
      connection.db,
      { userId: aliceId, ids: [busy?.id ?? ""] },
      "signed_out_remotely",
    );
  });

  it("applies presence webhooks in time order, whatever order they arrive in", async () => {
    const t = Date.now();
    await recordPresence(connection.db, bobId, true, new Date(t));
    await recordPresence(connection.db, bobId, false, new Date(t + 2000));
    await recordPresence(connection.db, bobId, true, new Date(t + 1000)); // Late: must not win.
    const bob = await findUserById(connection.db, bobId);
    expect(bob?.online).toBe(false);
    expect(bob?.lastSeenAt?.getTime()).toBe(t + 2000);
  });

  it("builds a watchlist of other users", async () => {
    const watchlist = await watchlistFor(connection.db, bobId);
    expect(watchlist).toContain(aliceId);
    expect(watchlist).not.toContain(bobId);
  });
});
