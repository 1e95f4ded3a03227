import { z } from "zod";
import { policy } from "@/features";
import { isEncryptedChannel } from "@/lib/channels/names";
import { realtimeCaller } from "@/lib/credentials/caller";
import { env } from "@/lib/env";
import { readAuthForm } from "@/lib/http/guards";
import { jsonError, jsonOk } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";
import { refusalResponse } from "@/lib/identity/gate";
import { channelNameSchema, socketIdSchema } from "@/lib/realtime/server/protocol";
import { pusher } from "@/lib/realtime/server/pusher";

// pusher-js's channelAuthorization endpoint: the rules live in features.ts.

export const runtime = "nodejs";

const formSchema = z.object({
  socket_id: socketIdSchema,
  channel_name: channelNameSchema,
  session: z.string().min(1).max(256).optional(),
});

export const POST = withUnavailable(async (request: Request) => {
  const input = await readAuthForm(request, formSchema, env());
  if (input instanceof Response) return input;

  const caller = await realtimeCaller({ session: input.session }, "channel");
  if (!caller.ok) return refusalResponse(caller.refusal);
  const { user } = caller;

  const { socket_id: socketId, channel_name: channel } = input;
  if (!(await policy.may(user, "subscribe", channel)))
    return jsonError(403, "channel_forbidden", `You may not subscribe to ${channel}.`);
  // The SDK derives an encrypted channel's key from the master key, which is optional.
  if (isEncryptedChannel(channel) && !env().PUSHER_ENCRYPTION_MASTER_KEY)
    return jsonError(
      503,
      "encryption_not_configured",
      "Encrypted channels need PUSHER_ENCRYPTION_MASTER_KEY on the server.",
    );

  const presence = policy.kindOf(channel)?.presence
    ? // Every member sees it: the name only, never the username one signs in with.
      { user_id: user.id, user_info: { name: user.name ?? user.username } }
    : undefined;
  return jsonOk(pusher().authorizeChannel(socketId, channel, presence));
});
