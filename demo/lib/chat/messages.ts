// Shared by the server and the browser: no server imports here.

export type ChatMessage = {
  seq: number;
  text: string;
  sentAt: string;
  sender: { id: string; name: string; username: string };
};

export const MESSAGE_MAX_LENGTH = 2_000;

export function roomThread(slug: string): string {
  return `room:${slug}`;
}

/** One thread per pair of users, whoever writes first. */
export function directThread(a: string, b: string): string {
  return `dm:${[a, b].sort().join(":")}`;
}

/** Adds `incoming` to `current`: ordered by seq, each seq once, whatever the arrival order. */
export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const bySeq = new Map(current.map((message) => [message.seq, message]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** True when `seq` is not the next one after `lastSeq`: something was missed. */
export function leavesGap(lastSeq: number, seq: number): boolean {
  return seq > lastSeq + 1;
}
