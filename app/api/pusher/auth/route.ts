import { z } from "zod";
import { policy } from "@/features";
import { isEncryptedChannel } from "@/lib/channels/names";
import { realtimeCaller } from "@/lib/credentials/realtime-caller";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { channelNameSchema, socketIdSchema } from "@/lib/realtime/server/protocol";
import { pusher } from "@/lib/realtime/server/pusher";

// pusher-js's channelAuthorization endpoint: the rules live in features.ts.

export const runtime = "nodejs";

const formSchema = z.object({
  socket_id: socketIdSchema,
  channel_name: channelNameSchema,
  session: z.string().min(1).max(256).optional(),
});

export const POST = route(
  {
    endpoint: "channel_auth",
    body: { form: formSchema },
    caller: { credential: (input) => realtimeCaller({ session: input.session }, "channel") },
  },
  async ({ input, caller: { user } }) => {
    const { socket_id: socketId, channel_name: channel } = input;
    if (!(await policy.may(user, "subscribe", channel)))
      return apiError("channel_forbidden", channel);
    // The SDK derives an encrypted channel's key from the master key, which is optional.
    if (isEncryptedChannel(channel) && !env().PUSHER_ENCRYPTION_MASTER_KEY)
      return apiError("encryption_not_configured");

    const presence = policy.kindOf(channel)?.presence
      ? // Every member sees it: the name only, never the username one signs in with.
        { user_id: user.id, user_info: { name: user.name ?? user.username } }
      : undefined;
    return jsonOk(pusher().authorizeChannel(socketId, channel, presence));
  },
);
