import { currentUser, refusalResponse } from "@/lib/auth/gate";
import { HISTORY_LIMIT, parseAfter } from "@/lib/chat/history-request";
import { directThread } from "@/lib/chat/messages";
import { threadMessages } from "@/lib/chat/threads";
import { db } from "@/lib/db";
import { jsonError, jsonOk } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";

// The direct messages between the signed-in user and another: a thread only those two can read.

export const runtime = "nodejs";

export const GET = withUnavailable(
  async (request: Request, { params }: RouteContext<"/api/direct-messages/[userId]">) => {
    const caller = await currentUser();
    if (!caller.ok) return refusalResponse(caller.refusal);
    const { user } = caller;
    const after = parseAfter(request.url);
    if (!after.ok) return jsonError(400, "invalid_request", "after must be a sequence number.");
    const { userId } = await params;
    const thread = directThread(user.id, userId);
    return jsonOk({
      messages: await threadMessages(db(), thread, {
        afterSeq: after.afterSeq,
        limit: HISTORY_LIMIT,
      }),
    });
  },
);
