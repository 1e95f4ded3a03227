// The wire format of /api/pusher/auth/batch, which both the server and the kit's client read.

/** The most channels one batch may name: a page's channels at connect, with room to spare. */
export const MAX_CHANNELS_PER_BATCH = 50;

/** What the client sends: the socket, its channels, and the realtime session's token if any. */
export type ChannelBatchRequest = {
  socket_id: string;
  channel_names: string[];
  session?: string;
};

/** One channel's answer: pusher-js's channel auth answer, or that channel's refusal alone. */
export type ChannelBatchEntry =
  | { auth: string; channel_data?: string; shared_secret?: string }
  | { error: string; message: string; status: number };

/** The answer: an entry for every channel the request named. */
export type ChannelBatchAnswer = { channels: Record<string, ChannelBatchEntry> };
