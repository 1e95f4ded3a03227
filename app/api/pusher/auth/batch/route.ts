import { z } from "zod";
import { policy } from "@/features";
import { realtimeCaller } from "@/lib/credentials/realtime-caller";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { type ChannelBatchAnswer, MAX_CHANNELS_PER_BATCH } from "@/lib/realtime/channel-batch";
import { authorizeChannelFor } from "@/lib/realtime/server/channel-authorization";
import { channelNameSchema, socketIdSchema } from "@/lib/realtime/server/protocol";

// Channel auth for many channels in one request: pusher-js asks once per channel at every connect
// (pusher-js #69), and the kit's client collects a turn's channels into one list here. Each channel
// gets its own answer: a signature, or its own refusal, so one forbidden channel fails no other.

export const runtime = "nodejs";

const bodySchema = z.strictObject({
  socket_id: socketIdSchema,
  channel_names: z
    .array(channelNameSchema, { error: "channel_names must be a list of channel names" })
    .min(1, "channel_names is empty")
    .max(MAX_CHANNELS_PER_BATCH, `channel_names has more than ${MAX_CHANNELS_PER_BATCH} names`)
    .refine((names) => new Set(names).size === names.length, "channel_names names a channel twice"),
  session: z
    .string({ error: "session must be a string" })
    .min(1, "session is empty")
    .max(256, "session is longer than 256 characters")
    .optional(),
});

export const POST = route(
  {
    endpoint: "channel_auth",
    // 50 names of up to 164 characters, quoted, and the rest.
    body: { json: bodySchema, maxBytes: 10_240 },
    caller: { credential: (input) => realtimeCaller({ session: input.session }, "channel") },
  },
  async ({ input, caller: { user } }) => {
    const grants = await Promise.all(
      input.channel_names.map(async (channel) => {
        const grant = await authorizeChannelFor(policy, user, input.socket_id, channel);
        const answer = grant.ok
          ? grant.answer
          : {
              error: grant.refusal.code,
              message: grant.refusal.message,
              status: grant.refusal.status,
            };
        return [channel, answer] as const;
      }),
    );
    const answer: ChannelBatchAnswer = { channels: Object.fromEntries(grants) };
    return jsonOk(answer);
  },
);
