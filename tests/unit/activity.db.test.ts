import { getTableColumns } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  deleteOldAuthEvents,
  listAuthEvents,
  type NewAuthEvent,
  PRUNE_INTERVAL_MS,
  recordAuthEvents,
} from "@/lib/activity-log/events";
import { parseActivityFilter } from "@/lib/activity-log/filter";
import { hashPassword } from "@/lib/credentials/password/hash";
import { createSignInThrottle } from "@/lib/credentials/password/throttle";
import { verifyCredentials } from "@/lib/credentials/password/verify";
import { issueTicket, newTicketNonce } from "@/lib/credentials/ticket/format";
import type { Connection } from "@/lib/db/connect";
import { createUser } from "@/lib/db/queries";
import { authEvents } from "@/lib/db/schema";
import { startRealtimeSession } from "@/lib/sessions/realtime";
import { startWebSession } from "@/lib/sessions/web";
import { TEST_SECRET, testDatabases } from "./database";

const PASSWORD = "a-long-enough-password";
const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36";
const DAY = 86_400_000;

describe("the activity filter from /admin's query string", () => {
  it("takes one username and one kind", () => {
    expect(parseActivityFilter({ user: " Bob ", kind: "sign_in" })).toEqual({
      filter: { username: "bob", kind: "sign_in" },
      ignored: [],
      values: { user: "bob", kind: "sign_in" },
    });
    expect(parseActivityFilter({}).filter).toEqual({ username: undefined, kind: undefined });
  });

  it.each([
    [{ kind: "<script>alert(1)</script>" }, ["kind"]],
    [{ kind: ["sign_in", "ban"] }, ["kind"]],
    [{ user: ["alice", "bob"] }, ["user"]],
    [{ user: "a".repeat(5_000) }, ["user"]],
    [{ user: "robert'); drop table auth_event;--", kind: "nope" }, ["user", "kind"]],
  ])("ignores %j, and says so", (query, ignored) => {
    const parsed = parseActivityFilter(query);
    expect(parsed.ignored).toEqual(ignored);
    expect(parsed.filter).toEqual({ username: undefined, kind: undefined });
    expect(parsed.values).toEqual({ user: "", kind: "" });
  });
});

describe("the activity log's columns", () => {
  it("has no place for a password, a token or a ticket", () => {
    const columns = Object.values(getTableColumns(authEvents)).map((column) => column.name);
    expect(columns).toEqual([
      "id",
      "at",
      "user_id",
      "session_id",
      "actor_id",
      "client_address",
      "user_agent",
      "kind",
      "outcome",
      "reason",
      "detail",
      "count",
      "last_at",
    ]);
    for (const name of columns) expect(name).not.toMatch(/password|token|ticket|secret|hash/);
  });
});

describe.each(testDatabases())("the activity log on $name", ({ open }) => {
  let connection: Connection & { drop: () => Promise<void> };
  /** A pruning state of the test's own: the instance's would make the order of tests matter. */
  const neverPruned = () => ({ at: 0 });
  const justPruned = () => ({ at: Date.now() });

  beforeAll(async () => {
    connection = await open();
    await connection.migrate();
  });
  afterAll(() => connection?.drop());

  async function freshUser(prefix: string) {
    const username = `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
    const user = await createUser(connection.db, {
      username,
      passwordHash: await hashPassword(PASSWORD),
    });
    if (!user) throw new Error("no user");
    return user;
  }

  // Each write a few milliseconds after the last, as events happen: the log lists by time, and
  // two writes in the same tick of the database's clock would tie (it failed a CI run).
  const record = async (events: NewAuthEvent[], pruned = justPruned()) => {
    await new Promise((resolve) => setTimeout(resolve, 3));
    return recordAuthEvents(connection.db, events, { retentionDays: 90, pruned });
  };

  it("records a sign-in, failed and successful, and secrets are nowhere in the rows", async () => {
    const user = await freshUser("activity");
    const throttle = createSignInThrottle(connection.db);
    const client = "203.0.113.7";

    const wrong = await verifyCredentials(
      connection.db,
      throttle,
      { username: user.username, password: "not-the-password" },
      client,
    );
    const unknown = await verifyCredentials(
      connection.db,
      throttle,
      { username: "nobody-at-all", password: PASSWORD },
      client,
    );
    const right = await verifyCredentials(
      connection.db,
      throttle,
      { username: user.username, password: PASSWORD },
      client,
    );
    if (wrong.ok || unknown.ok || !right.ok) throw new Error("unexpected sign-in results");
    const session = await startWebSession(connection.db, {
      maxAgeSeconds: 3_600,
      userId: user.id,
      method: "credentials",
      userAgent: CHROME_LINUX,
      clientAddress: client,
    });
    // What auth.ts records for each: the same fields from the same results.
    const failure = (result: typeof wrong): NewAuthEvent => ({
      kind: "sign_in",
      outcome: "failure",
      reason: result.reason,
      userId: "userId" in result ? result.userId : null,
      clientAddress: client,
      userAgent: CHROME_LINUX,
    });
    // One write each, as they happen: rows of one insert share their time.
    await record([failure(wrong)]);
    await record([failure(unknown)]);
    await record([
      {
        kind: "sign_in",
        outcome: "success",
        userId: user.id,
        sessionId: session.id,
        detail: "credentials",
        clientAddress: client,
        userAgent: CHROME_LINUX,
      },
    ]);

    // A ticket, issued and exchanged: recorded by its id alone.
    const nonce = newTicketNonce();
    const { userTicket } = issueTicket(
      user.id,
      { appKey: "key", secret: "a-secret-of-the-app" },
      { ttlSeconds: 60, flow: "backend", session: session.id, nonce },
    );
    const realtime = await startRealtimeSession(connection.db, {
      userId: user.id,
      ticketNonce: nonce,
      flow: "backend",
      maxAgeSeconds: 3_600,
      secret: TEST_SECRET,
      webSessionId: session.id,
    });
    if (!realtime) throw new Error("no realtime session");
    await record([
      {
        kind: "ticket_issued",
        outcome: "success",
        userId: user.id,
        sessionId: session.id,
        detail: `backend ${nonce}`,
      },
    ]);
    await record([
      {
        kind: "ticket_exchanged",
        outcome: "success",
        userId: user.id,
        sessionId: realtime.id,
        detail: `backend ${nonce}`,
      },
    ]);

    const mine = await listAuthEvents(connection.db, { userId: user.id }, 20);
    expect(mine.map((entry) => [entry.kind, entry.outcome, entry.reason])).toEqual([
      ["ticket_exchanged", "success", null],
      ["ticket_issued", "success", null],
      ["sign_in", "success", null],
      ["sign_in", "failure", "invalid_credentials"],
    ]);
    const signIn = mine.find((entry) => entry.kind === "sign_in" && entry.outcome === "success");
    expect(signIn).toMatchObject({
      username: user.username,
      approximateAddress: "203.0.113.0/24",
      browser: "Chrome 140 on Linux",
    });

    // The unknown username's failure names nobody: no user id, and the username is nowhere.
    const rows = await connection.db.select().from(authEvents);
    const anonymous = rows.filter((row) => row.kind === "sign_in" && row.userId === null);
    expect(anonymous).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain("nobody-at-all");
    for (const secret of [
      PASSWORD,
      "not-the-password",
      user.passwordHash ?? "no hash",
      userTicket,
      userTicket.split(".")[1] ?? "no signature",
      realtime.token,
    ]) {
      expect(stored).not.toContain(secret);
    }
    // The ticket's id is there, to follow one ticket from issue to exchange.
    expect(rows.filter((row) => row.detail === `backend ${nonce}`)).toHaveLength(2);
  });

  it("filters by username and by kind, newest first, at most `limit`", async () => {
    const [carol, dave] = [await freshUser("carol"), await freshUser("dave")];
    const base = Date.now() - 60_000;
    await record([
      { kind: "sign_in", outcome: "success", userId: carol.id, at: new Date(base) },
      { kind: "ban", outcome: "success", userId: carol.id, at: new Date(base + 1_000) },
      {
        kind: "role_changed",
        outcome: "success",
        userId: carol.id,
        detail: "admin",
        at: new Date(base + 2_000),
      },
      {
        kind: "sign_in",
        outcome: "failure",
        userId: dave.id,
        reason: "throttled",
        at: new Date(base + 3_000),
      },
    ]);
    const byUser = await listAuthEvents(connection.db, { username: carol.username }, 50);
    expect(byUser.map((entry) => entry.kind)).toEqual(["role_changed", "ban", "sign_in"]);
    expect(byUser[0]?.detail).toBe("admin");
    const byKind = await listAuthEvents(connection.db, { kind: "sign_in" }, 50);
    expect(byKind.every((entry) => entry.kind === "sign_in")).toBe(true);
    expect(byKind.map((entry) => entry.username)).toEqual(
      expect.arrayContaining([carol.username, dave.username]),
    );
    const both = await listAuthEvents(
      connection.db,
      { username: dave.username, kind: "sign_in" },
      50,
    );
    expect(both.map((entry) => [entry.username, entry.reason])).toEqual([
      [dave.username, "throttled"],
    ]);
    expect(await listAuthEvents(connection.db, { username: carol.username }, 2)).toHaveLength(2);
    expect(await listAuthEvents(connection.db, { username: "no-such-user" }, 50)).toEqual([]);
  });

  it("deletes the events past the retention, and only those", async () => {
    const user = await freshUser("retention");
    const now = Date.now();
    await record([
      {
        kind: "sign_in",
        outcome: "success",
        userId: user.id,
        detail: "old",
        at: new Date(now - 91 * DAY),
      },
      {
        kind: "sign_in",
        outcome: "success",
        userId: user.id,
        detail: "recent",
        at: new Date(now - 89 * DAY),
      },
    ]);
    expect(await deleteOldAuthEvents(connection.db, 90, new Date(now))).toBeGreaterThanOrEqual(1);
    const left = await listAuthEvents(connection.db, { userId: user.id }, 50);
    expect(left.map((entry) => entry.detail)).toEqual(["recent"]);
  });

  it("prunes on a write, at most once an hour per instance", async () => {
    const user = await freshUser("prune");
    const now = Date.now();
    const old = (detail: string): NewAuthEvent => ({
      kind: "sign_out",
      outcome: "success",
      userId: user.id,
      detail,
      at: new Date(now - 120 * DAY),
    });
    const pruned = neverPruned();
    await record([old("first")], pruned);
    // The deletion is not awaited by the write: it follows shortly.
    await vi.waitFor(async () => {
      expect(await listAuthEvents(connection.db, { userId: user.id }, 50)).toEqual([]);
    });
    expect(pruned.at).toBeGreaterThan(0);
    // Within the hour, a write deletes nothing.
    await record([old("second")], pruned);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      (await listAuthEvents(connection.db, { userId: user.id }, 50)).map((e) => e.detail),
    ).toEqual(["second"]);
    // An hour later, it does again.
    pruned.at -= PRUNE_INTERVAL_MS;
    await record([], pruned);
    await vi.waitFor(async () => {
      expect(await listAuthEvents(connection.db, { userId: user.id }, 50)).toEqual([]);
    });
  });

  it("never fails the action that records: a failed insert is logged and dropped", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      // A user id that names nobody breaks the foreign key: the database refuses the row.
      await expect(
        record([{ kind: "ban", outcome: "success", userId: "no-such-user-id" }]),
      ).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledWith(
        "Could not record an authentication event:",
        expect.anything(),
      );
    } finally {
      warn.mockRestore();
    }
  });
});
