import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createTestDatabase } from "../support/database";
import { freePorts, launch, portsEnv, stopChild, waitForHealth } from "../support/stack";
import { testSeam } from "../support/test-seam";
import { expect, test } from "../test";
import { openApp } from "./fixtures";

// pusher-js asks for each channel's authorization on its own, at every connect (pusher-js #69).
// The kit's client asks for a turn's channels in one request (/api/pusher/auth/batch), and each
// channel is answered on its own. Twenty channels that a user may join need rooms: this stack's
// database is one the spec can write to.

const ROOMS = Array.from({ length: 19 }, (_, index) => `batch-${index + 1}`);

test("20 channels joined together are asked for in one request, and again in one at the next connect; a forbidden one is refused alone", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const database = await createTestDatabase();
  const ports = await freePorts();
  const dataDir = mkdtempSync(path.join(tmpdir(), "rtauth-batch-"));
  const env = { ...portsEnv(ports), DATA_DIR: dataDir, REALTIME_TEST_SEAM: "1" };
  const app = launch({ ...env, DATABASE_URL: database.url.toString() });
  const baseURL = `http://localhost:${ports.port}`;
  const sql = postgres(database.url.toString(), { max: 1, onnotice: () => {} });
  try {
    await waitForHealth(`${baseURL}/api/health`, app.child);
    for (const slug of ROOMS)
      await sql`insert into room (slug, name, audience) values (${slug}, ${slug}, 'everyone')`;
    const context = await browser.newContext({ baseURL });
    const asked: string[][] = [];
    context.on("request", (request) => {
      if (new URL(request.url()).pathname !== "/api/pusher/auth/batch") return;
      asked.push((request.postDataJSON() as { channel_names: string[] }).channel_names);
    });
    const bob = await openApp(browser, "bob", undefined, context);
    const page = bob.app.page;
    // /app joins its own channels in two turns: its user channel as it signs in, the rest (who is
    // online, the inbox, the lobby) once its parts render. Both have gone out before the spec joins.
    await expect.poll(() => asked.flat()).toContain("presence-room-lobby");
    const client = await testSeam(page);
    // 19 rooms and another user's own channel, in the same turn. Each channel's outcomes, at the
    // join and at every connect after it, collect in the page.
    const channels = [...ROOMS.map((slug) => `presence-room-${slug}`), "private-user-not-bob"];
    asked.length = 0;
    const outcomes = await client.evaluateHandle((seam, names) => {
      const seen: Record<string, string[]> = { held: [] };
      for (const name of names) {
        const list: string[] = [];
        seen[name] = list;
        const channel = seam.join(name, (error) => list.push(`refused ${error.code}`));
        // A channel the page holds already counts as this join's, and is not asked for again.
        if (channel.subscribed) {
          list.push("subscribed");
          seen.held?.push(name);
        }
        channel.bind("pusher:subscription_succeeded", () => list.push("subscribed"));
      }
      return seen;
    }, channels);
    const outcomesAt = (round: number) =>
      outcomes.evaluate(
        (seen, [names, index]) => names.map((name) => seen[name]?.[index] ?? "pending"),
        [channels, round] as const,
      );
    const expected = [...ROOMS.map(() => "subscribed"), "refused channel_forbidden"];
    await expect.poll(() => outcomesAt(0)).toEqual(expected);
    // One request for the channels joined together, less one the page held already (the demo
    // shows the first room besides the lobby).
    const held = await outcomes.evaluate((seen) => seen.held ?? []);
    expect(asked).toEqual([channels.filter((name) => !held.includes(name))]);

    // A new socket authorizes every channel the spec holds again, in one request.
    asked.length = 0;
    await client.evaluate((seam) => seam.reconnect());
    await expect.poll(() => outcomesAt(1)).toEqual(expected);
    // (/app's own parts leave their channels while the tab signs in again, and join them anew
    // after it, in a turn of their own.)
    const ours = asked.filter((names) => names.some((name) => channels.includes(name)));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toEqual(expect.arrayContaining(channels));
    await bob.context.close();
  } finally {
    await sql.end();
    await stopChild(app.child);
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }
});
