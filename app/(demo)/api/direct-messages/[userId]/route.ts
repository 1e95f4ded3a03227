import { z } from "zod";
import { inboxOf } from "@/demo/lib/chat/channel-names";
import { HISTORY_LIMIT, parseAfter } from "@/demo/lib/chat/history-request";
import { directThread } from "@/demo/lib/chat/messages";
import { threadMessages } from "@/demo/lib/chat/threads";
import { policy } from "@/features";
import { db } from "@/lib/db";
import { jsonError, jsonOk } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";
import { currentUser, refusalResponse } from "@/lib/identity/gate";

// The direct messages between the signed-in user and another: a thread only those two can read.

export const runtime = "nodejs";

export const GET = withUnavailable(
  async (request: Request, { params }: RouteContext<"/api/direct-messages/[userId]">) => {
    const caller = await currentUser();
    if (!caller.ok) return refusalResponse(caller.refusal);
    const { user } = caller;
    const after = parseAfter(request.url);
    if (!after.ok) return jsonError(400, "invalid_request", "after must be a sequence number.");
    const partner = z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .safeParse((await params).userId);
    if (!partner.success) return jsonError(400, "invalid_request", "Not a user id.");
    // Direct messages arrive on the user's inbox: its history is the user's to read.
    if (!(await policy.may(user, "history", inboxOf(user))))
      return jsonError(403, "history_forbidden", "You may not read these messages.");
    const thread = directThread(user.id, partner.data);
    return jsonOk({
      messages: await threadMessages(db(), thread, {
        afterSeq: after.afterSeq,
        limit: HISTORY_LIMIT,
      }),
    });
  },
);
