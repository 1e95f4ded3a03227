import { z } from "zod";
import { issuedSession, realtimeCaller } from "@/lib/credentials/realtime-caller";
import { requestClient } from "@/lib/http/peer-address";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { socketIdSchema } from "@/lib/realtime/server/protocol";
import { pusher } from "@/lib/realtime/server/pusher";
import { cachedWatchlist } from "@/lib/sessions/user-cache";

// pusher-js's userAuthentication endpoint: signs the socket in as the requesting user.

export const runtime = "nodejs";

const formSchema = z.object({
  socket_id: socketIdSchema,
  ticket: z.string().min(1).max(4_096).optional(),
  session: z.string().min(1).max(256).optional(),
});

export const POST = route(
  {
    // With a ticket, the request exchanges it for a realtime session: counted apart.
    endpoint: "user_auth",
    endpointOf: (input) => (input.ticket ? "ticket_exchange" : "user_auth"),
    body: { form: formSchema },
    // A ticket starts a realtime session: a device, named by this client's User-Agent and address.
    caller: {
      credential: (input, request) =>
        realtimeCaller(input, "sign-in", {
          userAgent: request.headers.get("user-agent"),
          clientAddress: requestClient(request.headers),
        }),
    },
  },
  async ({ input, caller }) => {
    const { user, sessionId } = caller;
    const answer = pusher().authenticateUser(input.socket_id, {
      id: user.id,
      // Only this user's sockets see it: the epoch names the channels of their private messages.
      user_info: {
        name: user.name ?? user.username,
        username: user.username,
        channel_epoch: user.channelEpoch,
      },
      watchlist: await cachedWatchlist(user.id),
    });
    // session_id tells the tab which session it is, so that it knows when that session ends.
    return jsonOk({ ...answer, session_id: sessionId, ...issuedSession(caller) });
  },
);
