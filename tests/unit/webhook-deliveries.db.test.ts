import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db/connect";
import { webhookDeliveries } from "@/lib/db/schema";
import {
  acceptDeliveryOnce,
  DELIVERY_KEPT_MS,
  DELIVERY_PRUNE_INTERVAL_MS,
} from "@/lib/realtime/server/webhook-deliveries";
import { type TestDatabase, testDatabases } from "./database";

const NOW = Date.UTC(2026, 0, 1);

/** Two app instances: their own prune clocks, one database. */
const instances = () => [{ at: NOW }, { at: NOW }];

describe.each(testDatabases())("webhook deliveries on $name", (database: TestDatabase) => {
  let connection: Connection & { drop: () => Promise<void> };
  beforeAll(async () => {
    connection = await database.open();
    await connection.migrate();
  });
  afterAll(() => connection?.drop());

  it("takes a signed delivery once, whichever instance gets it", async () => {
    const [a, b] = instances();
    const signature = "a".repeat(64);
    expect(await acceptDeliveryOnce(connection.db, signature, { now: NOW, pruned: a })).toBe(true);
    expect(await acceptDeliveryOnce(connection.db, signature, { now: NOW + 1, pruned: b })).toBe(
      false,
    );
    expect(await acceptDeliveryOnce(connection.db, signature, { now: NOW + 2, pruned: a })).toBe(
      false,
    );
    expect(await acceptDeliveryOnce(connection.db, "b".repeat(64), { now: NOW, pruned: b })).toBe(
      true,
    );
  });

  it("takes one of two concurrent copies", async () => {
    const [a, b] = instances();
    const signature = "c".repeat(64);
    const answers = await Promise.all([
      connection.db.transaction((tx) => acceptDeliveryOnce(tx, signature, { now: NOW, pruned: a })),
      connection.db.transaction((tx) => acceptDeliveryOnce(tx, signature, { now: NOW, pruned: b })),
    ]);
    expect(answers.sort()).toEqual([false, true]);
  });

  it("forgets nothing that could still be replayed, and deletes the rest now and then", async () => {
    await connection.db.delete(webhookDeliveries);
    const pruned = { at: NOW };
    await acceptDeliveryOnce(connection.db, "d".repeat(64), { now: NOW, pruned });
    const kept = NOW + DELIVERY_KEPT_MS;
    // Pruned, but at the edge of what is kept it is still a replay.
    expect(await acceptDeliveryOnce(connection.db, "d".repeat(64), { now: kept, pruned })).toBe(
      false,
    );
    const later = kept + DELIVERY_PRUNE_INTERVAL_MS;
    await acceptDeliveryOnce(connection.db, "e".repeat(64), { now: later, pruned });
    const rows = await connection.db.select().from(webhookDeliveries);
    expect(rows.map((row) => row.signature)).toEqual(["e".repeat(64)]);
    expect(pruned.at).toBe(later);
  });
});
