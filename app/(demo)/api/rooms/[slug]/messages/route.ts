import { roomChannel } from "@/demo/lib/chat/channel-names";
import { HISTORY_LIMIT, parseAfter } from "@/demo/lib/chat/history-request";
import { roomThread } from "@/demo/lib/chat/messages";
import { roomSlugSchema } from "@/demo/lib/chat/rooms";
import { threadMessages } from "@/demo/lib/chat/threads";
import { policy } from "@/features";
import { db } from "@/lib/db";
import { jsonError, jsonOk } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";
import { currentUser, refusalResponse } from "@/lib/identity/gate";

// A room's history when it opens, and the gap after a reconnect (?after=<last seq seen>).

export const runtime = "nodejs";

export const GET = withUnavailable(
  async (request: Request, { params }: RouteContext<"/api/rooms/[slug]/messages">) => {
    const caller = await currentUser();
    if (!caller.ok) return refusalResponse(caller.refusal);
    const { user } = caller;
    const after = parseAfter(request.url);
    if (!after.ok) return jsonError(400, "invalid_request", "after must be a sequence number.");
    const { slug } = await params;
    const room = roomSlugSchema.safeParse(slug);
    if (
      !room.success ||
      !(await policy.may(user, "history", roomChannel.build({ slug: room.data })))
    )
      return jsonError(403, "room_forbidden", "You are not a member of this room.");
    const list = await threadMessages(db(), roomThread(slug), {
      afterSeq: after.afterSeq,
      limit: HISTORY_LIMIT,
    });
    return jsonOk({ messages: list });
  },
);
