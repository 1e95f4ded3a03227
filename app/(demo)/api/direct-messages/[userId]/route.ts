import { z } from "zod";
import { inboxOf } from "@/demo/lib/chat/channel-names";
import { CHAT_ERRORS } from "@/demo/lib/chat/errors";
import { HISTORY_LIMIT, parseAfter } from "@/demo/lib/chat/history-request";
import { directThread } from "@/demo/lib/chat/messages";
import { threadMessages } from "@/demo/lib/chat/threads";
import { policy } from "@/features";
import { db } from "@/lib/db";
import { apiError, errorResponse } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { currentUser } from "@/lib/identity/gate";

// The direct messages between the signed-in user and another: a thread only those two can read.

export const runtime = "nodejs";

const paramsSchema = z.object({
  userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a user id."),
});

export const GET = route(
  { caller: { cookie: currentUser }, params: paramsSchema },
  async ({ request, caller: { user }, params }) => {
    const after = parseAfter(request.url);
    if (!after.ok) return apiError("invalid_request", "after must be a sequence number.");
    // Direct messages arrive on the user's inbox: its history is the user's to read.
    if (!(await policy.may(user, "history", inboxOf(user))))
      return errorResponse(CHAT_ERRORS.history_forbidden);
    const thread = directThread(user.id, params.userId);
    return jsonOk({
      messages: await threadMessages(db(), thread, {
        afterSeq: after.afterSeq,
        limit: HISTORY_LIMIT,
      }),
    });
  },
);
