import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endUserSessions } from "@/lib/auth/web-sessions";
import type { Connection } from "@/lib/db/connect";
import { findUserById, recordPresence, watchlistFor } from "@/lib/db/queries";
import { realtimeSessions } from "@/lib/db/schema";
import {
  endServiceSessions,
  findSession,
  hashToken,
  startRealtimeSession,
} from "@/lib/realtime/server/realtime-sessions";
import { openSeeded, testDatabases } from "./database";

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
    const session = await findSession(connection.db, token);
    return session?.live ? { userId: session.userId, flow: session.flow } : undefined;
  }

  it("starts one session per ticket and stores only the token's hash", async () => {
    const session = await startRealtimeSession(connection.db, {
      userId: bobId,
      ticketNonce: "nonce-1",
      flow: "backend",
      ttlHours: 1,
    });
    expect(session?.token).toMatch(/^rts_[A-Za-z0-9_-]{43}$/);
    const again = await startRealtimeSession(connection.db, {
      userId: bobId,
      ticketNonce: "nonce-1",
      flow: "backend",
      ttlHours: 1,
    });
    expect(again).toBeUndefined();

    const stored = await connection.db
      .select()
      .from(realtimeSessions)
      .where(eq(realtimeSessions.ticketNonce, "nonce-1"));
    expect(stored[0]?.tokenHash).toBe(hashToken(session?.token ?? ""));
    expect(JSON.stringify(stored)).not.toContain(session?.token);
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
      ttlHours: 1,
    });
    await connection.db
      .update(realtimeSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(realtimeSessions.ticketNonce, "nonce-2"));
    expect(await liveSession(session?.token ?? "")).toBeUndefined();
    expect(await liveSession("rts_unknown")).toBeUndefined();
    expect(await liveSession("not-a-token")).toBeUndefined();
  });

  it("revokes every session of a user and marks when", async () => {
    const one = await startRealtimeSession(connection.db, {
      userId: bobId,
      ticketNonce: "nonce-3",
      flow: "backend",
      ttlHours: 1,
    });
    const other = await startRealtimeSession(connection.db, {
      userId: aliceId,
      ticketNonce: "nonce-4",
      flow: "backend",
      ttlHours: 1,
    });
    await endUserSessions(connection.db, bobId, "signed_out_everywhere");
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
      ttlHours: 1,
    });
    const backend = await startRealtimeSession(connection.db, {
      userId: aliceId,
      ticketNonce: "be-1",
      flow: "backend",
      ttlHours: 1,
    });
    expect(await endServiceSessions(connection.db)).toEqual(
      new Map([[aliceId, [service?.id ?? ""]]]),
    );
    expect(await liveSession(service?.token ?? "")).toBeUndefined();
    expect(await liveSession(backend?.token ?? "")).toEqual({
      userId: aliceId,
      flow: "backend",
    });
    expect(await endServiceSessions(connection.db)).toEqual(new Map());
    // An ended session is still found, so that the refusal can say why it ended.
    expect(await findSession(connection.db, service?.token ?? "")).toEqual({
      id: service?.id,
      userId: aliceId,
      flow: "service",
      live: false,
      // The switch ends them all at once, with no reason of their own.
      endReason: null,
      createdAt: expect.any(Date),
      expiresAt: expect.any(Date),
    });
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
