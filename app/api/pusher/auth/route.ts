import { z } from "zod";
import { policy } from "@/features";
import { realtimeCaller } from "@/lib/credentials/realtime-caller";
import { errorResponse } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { authorizeChannelFor } from "@/lib/realtime/server/channel-authorization";
import { channelNameSchema, socketIdSchema } from "@/lib/realtime/server/protocol";

// pusher-js's channelAuthorization endpoint, one channel per request: the rules live in
// features.ts. The kit's own client asks for all of a turn's channels at once (./batch).

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
    const grant = await authorizeChannelFor(policy, user, input.socket_id, input.channel_name);
    return grant.ok ? jsonOk(grant.answer) : errorResponse(grant.refusal);
  },
);
