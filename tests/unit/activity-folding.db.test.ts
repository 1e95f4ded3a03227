import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FOLD_WINDOW_SECONDS,
  listAuthEvents,
  type NewAuthEvent,
  recordAuthEvents,
} from "@/lib/activity-log/events";
import type { Connection } from "@/lib/db/connect";
import { createUser } from "@/lib/db/queries";
import { authEvents } from "@/lib/db/schema";
import { testDatabases } from "./database";

// Repeats of one event from one session fold into one row with a count (lib/activity-log/events.ts).

describe.each(testDatabases())("the activity log's folding on $name", ({ open }) => {
  let connection: Connection & { drop: () => Promise<void> };

  beforeAll(async () => {
    connection = await open();
    await connection.migrate();
  });
  afterAll(() => connection?.drop());

  const record = (events: NewAuthEvent[]) =>
    recordAuthEvents(connection.db, events, { retentionDays: 90, pruned: { at: Date.now() } });

  async function freshUser() {
    const user = await createUser(connection.db, {
      username: `fold-${Math.random().toString(36).slice(2, 10)}`,
      passwordHash: "not-a-hash: nobody signs in",
    });
    if (!user) throw new Error("no user");
    return user;
  }

  const rowsOf = (userId: string) =>
    connection.db.select().from(authEvents).where(eq(authEvents.userId, userId));

  it("300 tickets of one session make one row with count 300, the latest detail and time", async () => {
    const user = await freshUser();
    for (let index = 0; index < 300; index++) {
      await record([
        {
          kind: "ticket_issued",
          outcome: "success",
          userId: user.id,
          sessionId: "web-1",
          detail: `backend nonce-${index}`,
        },
      ]);
    }
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ count: 300, detail: "backend nonce-299" });
    expect(row?.lastAt?.getTime()).toBeGreaterThanOrEqual(row?.at.getTime() ?? Infinity);
    const [entry] = await listAuthEvents(connection.db, { userId: user.id }, 10);
    expect(entry).toMatchObject({ count: 300, at: row?.lastAt, firstAt: row?.at });
  });

  it("repeats within one batch fold too, and concurrent ones lose no count", async () => {
    const user = await freshUser();
    const event: NewAuthEvent = {
      kind: "ticket_issued",
      outcome: "success",
      userId: user.id,
      sessionId: "web-1",
    };
    await record([event, event, event]);
    await Promise.all(Array.from({ length: 20 }, () => record([event])));
    const rows = await rowsOf(user.id);
    // A race of two first events may write two rows; never lose one.
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(23);
    expect(rows).toHaveLength(1);
  });

  it("keeps sessions, kinds, outcomes and reasons apart; an admin's actions stay single", async () => {
    const user = await freshUser();
    const base = { userId: user.id, outcome: "success" } as const;
    const events: NewAuthEvent[] = [
      { ...base, kind: "ticket_issued", sessionId: "web-1" },
      { ...base, kind: "ticket_issued", sessionId: "web-2" },
      { ...base, kind: "sign_in", sessionId: "web-1" },
      { ...base, kind: "session_revoked", sessionId: "web-1", reason: "sign_out" },
      { ...base, kind: "session_revoked", sessionId: "web-1", reason: "session_limit" },
      { ...base, kind: "sign_in", sessionId: "web-1", outcome: "failure" },
      { ...base, kind: "role_changed", detail: "admin", actorId: user.id },
    ];
    // Each twice: repeats fold, the rest do not.
    for (const event of [...events, ...events]) await record([event]);
    const rows = await rowsOf(user.id);
    const counts = rows.map((row) => [row.kind, row.sessionId, row.outcome, row.reason, row.count]);
    expect(counts).toEqual(
      expect.arrayContaining([
        ["ticket_issued", "web-1", "success", null, 2],
        ["ticket_issued", "web-2", "success", null, 2],
        ["sign_in", "web-1", "success", null, 2],
        ["session_revoked", "web-1", "success", "sign_out", 2],
        ["session_revoked", "web-1", "success", "session_limit", 2],
        ["sign_in", "web-1", "failure", null, 2],
        ["role_changed", null, "success", null, 1],
      ]),
    );
    expect(rows).toHaveLength(8);
  });

  it("a flood of wrong passwords from many addresses folds into one row per reason", async () => {
    const user = await freshUser();
    for (let i = 0; i < 40; i++) {
      await record([
        {
          kind: "sign_in",
          outcome: "failure",
          userId: user.id,
          reason: i < 30 ? "invalid_credentials" : "throttled",
          clientAddress: `127.0.${i}.1`,
        },
      ]);
    }
    const rows = await rowsOf(user.id);
    expect(rows.map((row) => [row.reason, row.count, row.clientAddress]).sort()).toEqual([
      ["invalid_credentials", 30, "127.0.29.1"],
      ["throttled", 10, "127.0.39.1"],
    ]);
  });

  it("starts a new row past the window, and lists rows by their latest occurrence", async () => {
    const user = await freshUser();
    const hourAgo = Date.now() - (FOLD_WINDOW_SECONDS + 60) * 1000;
    const at = (offset: number) => new Date(hourAgo + offset);
    const ticket = (when: Date): NewAuthEvent => ({
      kind: "ticket_issued",
      outcome: "success",
      userId: user.id,
      sessionId: "web-1",
      at: when,
    });
    await record([ticket(at(0))]);
    await record([{ ...ticket(at(1_000)), kind: "sign_in" }]);
    await record([ticket(at(2_000))]);
    // The ticket row's latest occurrence is after the sign-in: it is listed first.
    expect(
      (await listAuthEvents(connection.db, { userId: user.id }, 10)).map((e) => [e.kind, e.count]),
    ).toEqual([
      ["ticket_issued", 2],
      ["sign_in", 1],
    ]);
    // More than the window after the row's first event: a row of its own.
    await record([ticket(new Date())]);
    expect(
      (await listAuthEvents(connection.db, { userId: user.id }, 10)).map((e) => [e.kind, e.count]),
    ).toEqual([
      ["ticket_issued", 1],
      ["ticket_issued", 2],
      ["sign_in", 1],
    ]);
  });
});
