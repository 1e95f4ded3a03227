import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db/connect";
import { realtimeSessions, webSessions } from "@/lib/db/schema";
import { endSessions } from "@/lib/sessions/end";
import {
  liveRealtimeSession,
  liveWebSession,
  realtimeLiveness,
  webLiveness,
} from "@/lib/sessions/liveness";
import { findSession, startRealtimeSession } from "@/lib/sessions/realtime";
import { findWebSession, startWebSession } from "@/lib/sessions/web";
import { openSeeded, TEST_SECRET, testDatabases } from "./database";

// Liveness is one rule, written for rows in hand and as SQL (lib/sessions/liveness.ts): here
// both give the same answer for sessions in every state, at the same instant.

describe.each(testDatabases())("one liveness rule on $name", (database) => {
  let connection: Connection & { drop: () => Promise<void> };
  let userId: string;

  beforeAll(async () => {
    const seeded = await openSeeded(database);
    connection = seeded.connection;
    userId = seeded.idOf("carol") || seeded.idOf("bob");
  });
  afterAll(() => connection?.drop());

  const IDLE = 600;
  const now = new Date(Date.now() + 60_000);
  const past = new Date(now.getTime() - 1_000);

  const web = async () =>
    (await startWebSession(connection.db, { userId, method: "credentials", maxAgeSeconds: 3_600 }))
      .id;
  const realtime = async (webSessionId?: string) => {
    const started = await startRealtimeSession(connection.db, {
      userId,
      ticketNonce: crypto.randomUUID(),
      flow: webSessionId ? "backend" : "service",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
      webSessionId,
    });
    return started?.id ?? "";
  };
  const end = (id: string) => endSessions(connection.db, { userId, ids: [id] }, "signed_out");

  it("the SQL and the code agree on web and realtime sessions in every state", async () => {
    const webIds = {
      live: await web(),
      ended: await web(),
      expired: await web(),
    };
    await end(webIds.ended);
    await connection.db
      .update(webSessions)
      .set({ expiresAt: past })
      .where(eq(webSessions.id, webIds.expired));

    const realtimeIds = {
      live: await realtime(),
      child: await realtime(webIds.live),
      ended: await realtime(),
      expired: await realtime(),
      idle: await realtime(),
      parentEnded: await realtime(webIds.ended),
      parentExpired: await realtime(webIds.expired),
    };
    await end(realtimeIds.ended);
    await connection.db
      .update(realtimeSessions)
      .set({ expiresAt: past })
      .where(eq(realtimeSessions.id, realtimeIds.expired));
    await connection.db
      .update(realtimeSessions)
      .set({ rotatedAt: new Date(now.getTime() - IDLE * 1000) })
      .where(eq(realtimeSessions.id, realtimeIds.idle));

    const webLive = new Set(
      (
        await connection.db
          .select({ id: webSessions.id })
          .from(webSessions)
          .where(liveWebSession(now))
      ).map((row) => row.id),
    );
    const webByCode = new Map<string, boolean>();
    for (const id of Object.values(webIds)) {
      const row = await findWebSession(connection.db, id);
      webByCode.set(id, Boolean(row && webLiveness(row, now).live));
    }
    for (const id of Object.values(webIds)) expect(webLive.has(id)).toBe(webByCode.get(id));
    expect([...webByCode].filter(([, live]) => live).map(([id]) => id)).toEqual([webIds.live]);

    const ids = Object.values(realtimeIds);
    const realtimeLive = new Set(
      (
        await connection.db
          .select({ id: realtimeSessions.id })
          .from(realtimeSessions)
          .where(
            and(inArray(realtimeSessions.id, ids), liveRealtimeSession({ idleSeconds: IDLE, now })),
          )
      ).map((row) => row.id),
    );
    const answers: Record<string, [boolean, boolean]> = {};
    for (const [state, id] of Object.entries(realtimeIds)) {
      const row = await findSession(connection.db, id);
      const byCode = Boolean(row && realtimeLiveness(row, { idleSeconds: IDLE, now }).live);
      answers[state] = [realtimeLive.has(id), byCode];
    }
    expect(answers).toEqual({
      live: [true, true],
      child: [true, true],
      ended: [false, false],
      expired: [false, false],
      idle: [false, false],
      parentEnded: [false, false],
      parentExpired: [false, false],
    });
  });
});
