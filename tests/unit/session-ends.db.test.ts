import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db/connect";
import { realtimeSessions, users, webSessions } from "@/lib/db/schema";
import { startRealtimeSession } from "@/lib/sessions/realtime";
import { startWebSession } from "@/lib/sessions/web";
import type { SessionEndReason } from "@/lib/vocabulary/end-reason";
import { openSeeded, TEST_SECRET, testDatabases } from "./database";

// Every path that ends sessions, through lib/sessions/lifecycle.ts and account-ends.ts as the
// routes and actions call them, on a real database: each row it touched, web and realtime,
// carries the path's reason, every other row lives on, and the user's channel epoch moved on. The
// realtime server is absent here (its calls fail at once and are logged): what closes sockets is
// tested end to end.

const env = {
  AUTH_SECRET: "a-unit-test-secret-that-is-long-enough",
  PUSHER_APP_ID: "unit",
  PUSHER_KEY: "unit-key",
  PUSHER_SECRET: TEST_SECRET,
  PUSHER_HOST: "127.0.0.1",
  PUSHER_PORT: "9",
  PUSHER_USE_TLS: "false",
  REALTIME_SERVER: "bundled",
  REALTIME_SESSION_IDLE_SECONDS: "3600",
};
Object.assign(process.env, env);
const lifecycle = await import("@/lib/sessions/lifecycle");
const accountEnds = await import("@/lib/sessions/account-ends");
const { setServiceAuth } = await import("@/lib/credentials/service/switch");
const { provisionUser } = await import("@/lib/credentials/registration/provision-user");

const global = globalThis as unknown as { connection?: Connection };

describe.each(testDatabases())("every end of a session on $name", (database) => {
  let connection: Connection & { drop: () => Promise<void> };
  let userId: string;
  let otherId: string;
  let sessions: Record<"web" | "webChild" | "phone" | "phoneChild" | "service", string>;
  let others: string[];

  beforeAll(async () => {
    const seeded = await openSeeded(database);
    connection = seeded.connection;
    global.connection = connection;
    userId = seeded.idOf("bob");
    otherId = seeded.idOf("alice");
  });
  afterAll(async () => {
    global.connection = undefined;
    await connection?.drop();
  });

  const web = async (owner: string) =>
    (
      await startWebSession(connection.db, {
        userId: owner,
        method: "credentials",
        maxAgeSeconds: 3_600,
      })
    ).id;
  const realtime = async (owner: string, flow: "backend" | "service", webSessionId?: string) => {
    const started = await startRealtimeSession(connection.db, {
      userId: owner,
      ticketNonce: crypto.randomUUID(),
      flow,
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
      webSessionId,
    });
    if (!started) throw new Error("not started");
    return started.id;
  };

  // Two devices with a ticket session each, and a service session; another user's too.
  beforeEach(async () => {
    await connection.db
      .update(users)
      .set({ bannedAt: null, role: "user" })
      .where(eq(users.id, userId));
    const webId = await web(userId);
    const phone = await web(userId);
    sessions = {
      web: webId,
      webChild: await realtime(userId, "backend", webId),
      phone,
      phoneChild: await realtime(userId, "backend", phone),
      service: await realtime(userId, "service"),
    };
    const alices = await web(otherId);
    others = [
      alices,
      await realtime(otherId, "backend", alices),
      await realtime(otherId, "service"),
    ];
  });

  /** Every session's end reason by id (null: live), web and realtime. */
  async function reasons(): Promise<Map<string, SessionEndReason | null>> {
    const rows = [
      ...(await connection.db
        .select({ id: webSessions.id, reason: webSessions.endReason, at: webSessions.endedAt })
        .from(webSessions)),
      ...(await connection.db
        .select({
          id: realtimeSessions.id,
          reason: realtimeSessions.endReason,
          at: realtimeSessions.endedAt,
        })
        .from(realtimeSessions)),
    ];
    for (const row of rows) expect(row.at === null).toBe(row.reason === null);
    return new Map(rows.map((row) => [row.id, row.reason]));
  }

  const epoch = async (id: string) =>
    (await connection.db.select().from(users).where(eq(users.id, id)))[0]?.channelEpoch ?? -1;

  type Name = keyof typeof sessions;
  const paths: {
    path: string;
    run: () => Promise<unknown>;
    reason: SessionEndReason;
    ends: Name[];
  }[] = [
    {
      path: "sign-out",
      run: () => lifecycle.signOutSession(userId, sessions.web),
      reason: "signed_out",
      ends: ["web", "webChild"],
    },
    {
      path: "sign out everywhere",
      run: () => lifecycle.signOutEverywhere(userId),
      reason: "signed_out_everywhere",
      ends: ["web", "webChild", "phone", "phoneChild", "service"],
    },
    {
      path: "a device, from another",
      run: () => accountEnds.signOutDevice(userId, sessions.web, sessions.phone),
      reason: "signed_out_remotely",
      ends: ["phone", "phoneChild"],
    },
    {
      path: "all other devices",
      run: () => accountEnds.signOutOtherDevices(userId, sessions.web),
      reason: "signed_out_remotely",
      ends: ["webChild", "phone", "phoneChild", "service"],
    },
    {
      // This device's web session stays, with the ticket session it started.
      path: "a password changed on /account",
      run: () => accountEnds.changePassword(userId, sessions.web, "a-new-hash"),
      reason: "password_changed",
      ends: ["phone", "phoneChild", "service"],
    },
    {
      path: "reuse of a rotated-out token",
      run: () => lifecycle.endReusedSession(userId, sessions.phoneChild, "test"),
      reason: "session_reused",
      ends: ["phoneChild"],
    },
    {
      path: "a ban",
      run: () => lifecycle.banUser(userId, otherId),
      reason: "banned",
      ends: ["web", "webChild", "phone", "phoneChild", "service"],
    },
    {
      path: "a new password (user:create)",
      run: () =>
        provisionUser(connection.db, {
          username: "bob",
          password: "another-long-password",
          admin: false,
        }),
      reason: "password_reset",
      ends: ["web", "webChild", "phone", "phoneChild", "service"],
    },
  ];

  it.each(paths)(
    "$path ends what it names, each with its reason, and moves the epoch",
    async ({ run, reason, ends }) => {
      const before = await epoch(userId);
      const othersEpoch = await epoch(otherId);
      await run();
      const after = await reasons();
      for (const [name, id] of Object.entries(sessions) as [Name, string][]) {
        expect([name, after.get(id)]).toEqual([name, ends.includes(name) ? reason : null]);
      }
      for (const id of others) expect(after.get(id)).toBeNull();
      expect(await epoch(userId)).toBeGreaterThan(before);
      expect(await epoch(otherId)).toBe(othersEpoch);
    },
  );

  it("the switch ends every service session, of every user, and only those", async () => {
    await setServiceAuth(false, otherId);
    const after = await reasons();
    expect(after.get(sessions.service)).toBe("service_auth_disabled");
    expect(after.get(others[2] ?? "")).toBe("service_auth_disabled");
    for (const name of ["web", "webChild", "phone", "phoneChild"] as const)
      expect(after.get(sessions[name])).toBeNull();
    await setServiceAuth(true, otherId);
  });

  it("expiry ends every session past a deadline, with the children of expired web sessions", async () => {
    const later = new Date(Date.now() + 2 * 3_600_000);
    await lifecycle.endExpiredSessions(later);
    const after = await reasons();
    for (const id of [...Object.values(sessions), ...others])
      expect(after.get(id)).toBe("session_expired");
  });

  it("the limit ends the least recently used, with its ticket sessions, as session_limit", async () => {
    const before = await epoch(userId);
    const live = Object.values(sessions).length;
    const started = await startWebSession(connection.db, {
      userId,
      method: "credentials",
      maxAgeSeconds: 3_600,
      limit: { maxSessions: live - 1, idleSeconds: 3_600 },
    });
    expect(started.displaced.length).toBeGreaterThanOrEqual(2);
    const after = await reasons();
    for (const id of started.displaced) expect(after.get(id)).toBe("session_limit");
    expect(await epoch(userId)).toBe(before + 1);
  });

  it("a role change ends nothing, yet moves the epoch", async () => {
    const before = await reasons();
    const epochBefore = await epoch(userId);
    await lifecycle.changeRole(userId, "admin", otherId);
    expect(await reasons()).toEqual(before);
    expect(await epoch(userId)).toBe(epochBefore + 1);
  });

  it("a session cannot end without a reason: the database refuses it", async () => {
    await expect(
      connection.db
        .update(webSessions)
        .set({ endedAt: new Date() })
        .where(eq(webSessions.id, sessions.web)),
    ).rejects.toThrow();
    await expect(
      connection.db.execute(
        sql`update realtime_session set ended_at = now() where id = ${sessions.webChild}`,
      ),
    ).rejects.toThrow();
  });
});
