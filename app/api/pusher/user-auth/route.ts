import { z } from "zod";
import { env } from "@/lib/env";
import { readAuthForm } from "@/lib/http/guards";
import { jsonError, jsonOk } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";
import { identify } from "@/lib/realtime/identify";
import { socketIdSchema } from "@/lib/realtime/protocol";
import { pusher } from "@/lib/realtime/server";
import { cachedWatchlist } from "@/lib/realtime/user-cache";

// pusher-js's userAuthentication endpoint: signs the socket in as the requesting user.

export const runtime = "nodejs";

const formSchema = z.object({
  socket_id: socketIdSchema,
  ticket: z.string().min(1).max(4_096).optional(),
  session: z.string().min(1).max(256).optional(),
});

export const POST = withUnavailable(async (request: Request) => {
  const input = await readAuthForm(request, formSchema, env().AUTH_URL);
  if (input instanceof Response) return input;

  const result = await identify(input);
  if (!result.ok)
    return jsonError(result.refusal.status, result.refusal.code, result.refusal.message);

  const { user, session } = result.identity;
  const answer = pusher().authenticateUser(input.socket_id, {
    id: user.id,
    user_info: { name: user.name ?? user.username, username: user.username },
    watchlist: await cachedWatchlist(user.id),
  });
  return jsonOk(
    session ? { ...answer, session: session.token, session_expires_at: session.expiresAt } : answer,
  );
});
