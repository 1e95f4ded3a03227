import { z } from "zod";
import { roomChannel } from "@/demo/lib/chat/channel-names";
import { CHAT_ERRORS } from "@/demo/lib/chat/errors";
import { HISTORY_LIMIT, parseAfter } from "@/demo/lib/chat/history-request";
import { roomThread } from "@/demo/lib/chat/messages";
import { roomSlugSchema } from "@/demo/lib/chat/rooms";
import { threadMessages } from "@/demo/lib/chat/threads";
import { policy } from "@/features";
import { db } from "@/lib/db";
import { apiError, errorResponse } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { currentUser } from "@/lib/identity/gate";

// A room's history when it opens, and the gap after a reconnect (?after=<last seq seen>).

export const runtime = "nodejs";

// A slug that is no room's is refused as a room one is not a member of: it names nothing.
const paramsSchema = z.object({ slug: z.string() });

export const GET = route(
  { caller: { cookie: currentUser }, params: paramsSchema },
  async ({ request, caller: { user }, params: { slug } }) => {
    const after = parseAfter(request.url);
    if (!after.ok) return apiError("invalid_request", "after must be a sequence number.");
    const room = roomSlugSchema.safeParse(slug);
    if (
      !room.success ||
      !(await policy.may(user, "history", roomChannel.build({ slug: room.data })))
    )
      return errorResponse(CHAT_ERRORS.room_forbidden);
    const list = await threadMessages(db(), roomThread(slug), {
      afterSeq: after.afterSeq,
      limit: HISTORY_LIMIT,
    });
    return jsonOk({ messages: list });
  },
);
