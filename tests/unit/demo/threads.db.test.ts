import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roomThread } from "@/demo/lib/chat/messages";
import { appendMessage, threadMessages } from "@/demo/lib/chat/threads";
import { seedDemoAccounts } from "@/lib/credentials/registration/seed";
import type { Connection } from "@/lib/db/connect";
import { testDatabases } from "../database";

describe.each(testDatabases())("message threads on $name", ({ open }) => {
  let connection: Connection & { drop: () => Promise<void> };
  let sender: { id: string; name: string; username: string };

  beforeAll(async () => {
    connection = await open();
    await connection.migrate();
    await seedDemoAccounts(connection.db);
    const bob = await connection.db.query.users.findFirst({
      where: (u, { eq }) => eq(u.username, "bob"),
    });
    sender = { id: bob?.id ?? "", name: "Bob", username: "bob" };
  });
  afterAll(() => connection?.drop());

  it("numbers each thread's messages 1, 2, 3 … even when sent at once", async () => {
    const thread = roomThread("numbers");
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendMessage(connection.db, { thread, sender, text: `m${i}` }),
      ),
    );
    expect(sent.map((m) => m.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const other = await appendMessage(connection.db, {
      thread: roomThread("other"),
      sender,
      text: "x",
    });
    expect(other.seq).toBe(1);
  });

  it("returns the latest messages, or those after a seq, oldest first", async () => {
    const thread = roomThread("history");
    for (let i = 1; i <= 5; i++)
      await appendMessage(connection.db, { thread, sender, text: `m${i}` });
    expect((await threadMessages(connection.db, thread, { limit: 3 })).map((m) => m.seq)).toEqual([
      3, 4, 5,
    ]);
    const gap = await threadMessages(connection.db, thread, { afterSeq: 2, limit: 100 });
    expect(gap.map((m) => m.text)).toEqual(["m3", "m4", "m5"]);
    expect(gap[0]?.sender).toEqual(sender);
  });
});
