import { MAX_CHANNELS_PER_BATCH } from "@/lib/realtime/channel-batch";
import type { AuthAnswer } from "@/lib/realtime/client/auth-requests";
import { RealtimeError } from "@/lib/realtime/client/errors";

// pusher-js asks for each channel's authorization on its own, one after another in the same turn
// (every channel at connect, and the channels a page joins together). This collects one socket's
// requests of a turn and sends them as one list; each channel is then answered by its own entry.

type Waiter = { resolve: (answer: AuthAnswer) => void; reject: (error: unknown) => void };

/** Sends one list: the answers by channel name, or a failure of the whole request. */
export type SendBatch = (socketId: string, channels: string[]) => Promise<Record<string, unknown>>;

/** One channel's entry as its answer, or as its own refusal. */
function entryOf(entry: unknown, channel: string): AuthAnswer | RealtimeError {
  const fields = (typeof entry === "object" && entry !== null ? entry : {}) as Record<
    string,
    unknown
  >;
  if (typeof fields.auth === "string") return fields as AuthAnswer;
  if (typeof fields.error === "string") {
    const message = typeof fields.message === "string" ? fields.message : fields.error;
    const status = typeof fields.status === "number" ? fields.status : undefined;
    return new RealtimeError("http", fields.error, message, status);
  }
  return new RealtimeError("http", "http_error", `The app gave no answer for ${channel}.`);
}

export function createChannelBatch(send: SendBatch) {
  const queued = new Map<string, Map<string, Waiter[]>>();

  function flush(socketId: string) {
    const waiting = queued.get(socketId);
    queued.delete(socketId);
    if (!waiting) return;
    const channels = [...waiting.keys()];
    for (let start = 0; start < channels.length; start += MAX_CHANNELS_PER_BATCH) {
      const chunk = channels.slice(start, start + MAX_CHANNELS_PER_BATCH);
      send(socketId, chunk).then(
        (answers) => {
          for (const channel of chunk) {
            const settled = entryOf(answers[channel], channel);
            for (const waiter of waiting.get(channel) ?? []) {
              if (settled instanceof RealtimeError) waiter.reject(settled);
              else waiter.resolve(settled);
            }
          }
        },
        (error: unknown) => {
          for (const channel of chunk)
            for (const waiter of waiting.get(channel) ?? []) waiter.reject(error);
        },
      );
    }
  }

  /** The channel's answer, asked for with every other channel that this turn asks for. */
  return function request(socketId: string, channel: string): Promise<AuthAnswer> {
    return new Promise((resolve, reject) => {
      let waiting = queued.get(socketId);
      if (!waiting) {
        const created = new Map<string, Waiter[]>();
        queued.set(socketId, created);
        waiting = created;
        queueMicrotask(() => flush(socketId));
      }
      const waiters = waiting.get(channel) ?? [];
      waiters.push({ resolve, reject });
      waiting.set(channel, waiters);
    });
  };
}
