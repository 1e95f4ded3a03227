import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import { messages, threadCounters } from "@/demo/db/schema";
import type { ChatMessage } from "@/demo/lib/chat/messages";
import type { Database } from "@/lib/db/connect";
import { users } from "@/lib/db/schema";

// Messages are kept per thread with a gapless sequence number, because the realtime protocol
// does not replay what a client missed while offline: clients fetch the gap themselves.

/** Stores a message with the thread's next sequence number; both happen or neither. */
export async function appendMessage(
  db: Database,
  input: { thread: string; sender: ChatMessage["sender"]; text: string },
): Promise<ChatMessage> {
  return db.transaction(async (tx) => {
    const [counter] = await tx
      .insert(threadCounters)
      .values({ thread: input.thread, lastSeq: 1 })
      .onConflictDoUpdate({
        target: threadCounters.thread,
        set: { lastSeq: sql`${threadCounters.lastSeq} + 1` },
      })
      .returning({ seq: threadCounters.lastSeq });
    const seq = counter?.seq ?? 1;
    const [stored] = await tx
      .insert(messages)
      .values({ thread: input.thread, seq, senderId: input.sender.id, text: input.text })
      .returning({ createdAt: messages.createdAt });
    return {
      seq,
      text: input.text,
      sentAt: (stored?.createdAt ?? new Date()).toISOString(),
      sender: input.sender,
    };
  });
}

const columns = {
  seq: messages.seq,
  text: messages.text,
  createdAt: messages.createdAt,
  senderId: users.id,
  senderName: users.name,
  senderUsername: users.username,
};

type Row = {
  seq: number;
  text: string;
  createdAt: Date;
  senderId: string;
  senderName: string | null;
  senderUsername: string;
};

function toMessage(row: Row): ChatMessage {
  return {
    seq: row.seq,
    text: row.text,
    sentAt: row.createdAt.toISOString(),
    sender: {
      id: row.senderId,
      name: row.senderName ?? row.senderUsername,
      username: row.senderUsername,
    },
  };
}

/** The messages after `afterSeq`, oldest first; without it, the latest `limit`. */
export async function threadMessages(
  db: Database,
  thread: string,
  options: { afterSeq?: number; limit: number },
): Promise<ChatMessage[]> {
  const base = db.select(columns).from(messages).innerJoin(users, eq(users.id, messages.senderId));
  if (options.afterSeq !== undefined) {
    const rows = await base
      .where(and(eq(messages.thread, thread), gt(messages.seq, options.afterSeq)))
      .orderBy(asc(messages.seq))
      .limit(options.limit);
    return rows.map(toMessage);
  }
  const rows = await base
    .where(eq(messages.thread, thread))
    .orderBy(desc(messages.seq))
    .limit(options.limit);
  return rows.map(toMessage).reverse();
}
