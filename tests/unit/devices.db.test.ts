import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db/connect";
import { users } from "@/lib/db/schema";
import { describeUserAgent } from "@/lib/http/user-agent";
import { listDevices, recordActivity } from "@/lib/sessions/devices";
import { endSessions } from "@/lib/sessions/end";
import { liveSessions as liveSessionsOf } from "@/lib/sessions/limit";
import { startRealtimeSession } from "@/lib/sessions/realtime";
import { findWebSession, startWebSession } from "@/lib/sessions/web";
import { openSeeded, sessionByToken, TEST_SECRET, testDatabases } from "./database";

const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const FIREFOX_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const CHROME_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

describe("a device's name, from its User-Agent", () => {
  it.each([
    [CHROME_LINUX, "Chrome 140 on Linux"],
    [SAFARI_IPHONE, "Safari 17 on iOS 17.4"],
    [FIREFOX_WINDOWS, "Firefox 128 on Windows 10"],
    // Chrome freezes macOS at 10.15.7 in its UA: no version is better than a wrong one.
    [CHROME_MAC, "Chrome 140 on macOS"],
    ["curl/8.5.0", "curl/8.5.0"],
    ["node", "node"],
    ["", "Unknown browser"],
    [null, "Unknown browser"],
    ["\u0007\u0008 bell", "Unknown browser"],
  ])("%j is %j", (userAgent, label) => {
    expect(describeUserAgent(userAgent).label).toBe(label);
  });

  it("gives the browser and the OS apart", () => {
    expect(describeUserAgent(SAFARI_IPHONE)).toEqual({
      browser: "Safari 17",
      os: "iOS 17.4",
      label: "Safari 17 on iOS 17.4",
    });
  });
});

describe.each(testDatabases())("devices and the session limit on $name", (database) => {
  let connection: Connection & { drop: () => Promise<void> };
  let bobId: string;

  beforeAll(async () => {
    const seeded = await openSeeded(database);
    connection = seeded.connection;
    bobId = seeded.idOf("bob");
  });
  afterAll(() => connection?.drop());

  /** A user of the test's own, with no session yet. */
  async function freshUser(): Promise<string> {
    const username = `devices-${Math.random().toString(36).slice(2, 10)}`;
    const [user] = await connection.db.insert(users).values({ username }).returning();
    if (!user) throw new Error("no user");
    return user.id;
  }

  const IDLE = { idleSeconds: 3_600 };
  const limitOf = (maxSessions?: number) => (maxSessions ? { maxSessions, ...IDLE } : undefined);
  const liveSessions = (db: Connection["db"], userId: string) => liveSessionsOf(db, userId, IDLE);

  const web = (userId: string, maxSessions?: number, userAgent = CHROME_LINUX) =>
    startWebSession(connection.db, {
      maxAgeSeconds: 3_600,
      userId,
      method: "credentials",
      userAgent,
      clientAddress: "203.0.113.7",
      limit: limitOf(maxSessions),
    });

  const realtime = (
    userId: string,
    options: { flow?: "backend" | "service"; webSessionId?: string; maxSessions?: number } = {},
  ) =>
    startRealtimeSession(connection.db, {
      userId,
      ticketNonce: `nonce-${Math.random()}`,
      flow: options.flow ?? "backend",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
      webSessionId: options.webSessionId,
      userAgent: "node",
      clientAddress: "2001:db8:85a3:8d3::7",
      limit: limitOf(options.maxSessions),
    });

  // A clock of the tests' own, ahead of the real one and only ever moving forward.
  let clock = Date.now() + 120_000;

  /** Marks sessions active in this order, a minute and more apart, so that the order is certain. */
  async function activeInOrder(sessions: { kind: "web" | "realtime"; id: string }[]) {
    for (const session of sessions) {
      clock += 61_000;
      expect(await recordActivity(connection.db, session.kind, session.id, new Date(clock))).toBe(
        true,
      );
    }
  }

  it("lists web, ticket and service sessions, named and approximated, and no ended one", async () => {
    const userId = await freshUser();
    const laptop = await web(userId, undefined, FIREFOX_WINDOWS);
    const ticket = await realtime(userId, { webSessionId: laptop.id });
    const service = await realtime(userId, { flow: "service" });
    const gone = await web(userId);
    await endSessions(connection.db, { userId, ids: [gone.id] }, "signed_out_remotely");

    const devices = await listDevices(connection.db, userId, IDLE);
    expect(devices.map((device) => device.id).sort()).toEqual(
      [laptop.id, ticket?.id, service?.id].sort(),
    );
    const byId = new Map(devices.map((device) => [device.id, device]));
    expect(byId.get(laptop.id)).toMatchObject({
      kind: "web",
      method: "credentials",
      label: "Firefox 128 on Windows 10",
      approximateAddress: "203.0.113.0/24",
      startedFrom: null,
    });
    expect(byId.get(ticket?.id ?? "")).toMatchObject({
      kind: "ticket",
      label: "node",
      approximateAddress: "2001:db8:85a3::/48",
      startedFrom: laptop.id,
    });
    expect(byId.get(service?.id ?? "")?.kind).toBe("service");
    // The full address is stored, never shown.
    expect(JSON.stringify(devices)).not.toContain("203.0.113.7");
  });

  it("ending a device ends the ticket sessions it started, and never another user's", async () => {
    const userId = await freshUser();
    const laptop = await web(userId);
    const ticket = await realtime(userId, { webSessionId: laptop.id });
    const bobs = await web(bobId);

    expect(
      await endSessions(connection.db, { userId, ids: [bobs.id] }, "signed_out_remotely"),
    ).toEqual([]);
    expect((await findWebSession(connection.db, bobs.id))?.endedAt).toBeNull();

    const ended = await endSessions(
      connection.db,
      { userId, ids: [laptop.id] },
      "signed_out_remotely",
    );
    expect(ended.map((session) => session.id).sort()).toEqual([laptop.id, ticket?.id].sort());
    expect((await findWebSession(connection.db, laptop.id))?.endReason).toBe("signed_out_remotely");
    const revoked = await sessionByToken(connection.db, ticket?.token ?? "");
    expect(revoked).toMatchObject({ live: false, endReason: "signed_out_remotely" });
    expect(await liveSessions(connection.db, userId)).toEqual([]);
  });

  it("records activity at most once a minute per session", async () => {
    const userId = await freshUser();
    const session = await web(userId);
    const now = Date.now();
    // It was active when it started.
    expect(await recordActivity(connection.db, "web", session.id, new Date(now))).toBe(false);
    expect(await recordActivity(connection.db, "web", session.id, new Date(now + 61_000))).toBe(
      true,
    );
    expect(await recordActivity(connection.db, "web", session.id, new Date(now + 90_000))).toBe(
      false,
    );
    expect((await findWebSession(connection.db, session.id))?.lastActiveAt.getTime()).toBe(
      now + 61_000,
    );
  });

  it("a sign-in past the limit ends the least recently used session, web or realtime", async () => {
    const userId = await freshUser();
    const first = await web(userId, 3);
    const second = await web(userId, 3);
    const service = await realtime(userId, { flow: "service", maxSessions: 3 });
    expect([first.displaced, second.displaced, service?.displaced]).toEqual([[], [], []]);
    // Used most recently: the first; least: the second.
    await activeInOrder([
      { kind: "web", id: second.id },
      { kind: "realtime", id: service?.id ?? "" },
      { kind: "web", id: first.id },
    ]);

    const fourth = await web(userId, 3);
    expect(fourth.displaced).toEqual([second.id]);
    expect((await findWebSession(connection.db, second.id))?.endReason).toBe("session_limit");
    expect((await liveSessions(connection.db, userId)).map((s) => s.id).sort()).toEqual(
      [first.id, service?.id, fourth.id].sort(),
    );

    // A ticket session counts too, and never ends the web session whose ticket it is.
    await activeInOrder([
      { kind: "web", id: fourth.id },
      { kind: "realtime", id: service?.id ?? "" },
      { kind: "web", id: first.id },
    ]);
    const ticket = await realtime(userId, { webSessionId: fourth.id, maxSessions: 3 });
    expect(ticket?.displaced).toEqual([service?.id]);
    expect(await sessionByToken(connection.db, service?.token ?? "")).toMatchObject({
      live: false,
      endReason: "session_limit",
    });
  });

  it("ending a web session for the limit ends its ticket sessions with it", async () => {
    const userId = await freshUser();
    const old = await web(userId, 3);
    const ticket = await realtime(userId, { webSessionId: old.id, maxSessions: 3 });
    const recent = await web(userId, 3);
    await activeInOrder([
      { kind: "web", id: old.id },
      { kind: "realtime", id: ticket?.id ?? "" },
      { kind: "web", id: recent.id },
    ]);
    const next = await web(userId, 3);
    // One session too many; the least recently used is the old web session, and its ticket
    // session goes with it.
    expect(next.displaced.sort()).toEqual([old.id, ticket?.id].sort());
    expect((await liveSessions(connection.db, userId)).map((s) => s.id).sort()).toEqual(
      [recent.id, next.id].sort(),
    );
  });

  it("sign-ins at the same moment cannot pass the limit together", async () => {
    const userId = await freshUser();
    const limit = 3;
    const started = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        index % 3 === 2
          ? realtime(userId, { flow: "service", maxSessions: limit })
          : web(userId, limit),
      ),
    );
    const live = await liveSessions(connection.db, userId);
    expect(live).toHaveLength(limit);
    const displaced = started.flatMap((session) => session?.displaced ?? []);
    // Every session beyond the limit was ended once, by exactly one of the sign-ins.
    expect(displaced).toHaveLength(12 - limit);
    expect(new Set(displaced).size).toBe(12 - limit);
    const liveIds = new Set(live.map((session) => session.id));
    expect(displaced.some((id) => liveIds.has(id))).toBe(false);
  });
});
