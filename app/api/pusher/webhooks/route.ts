import { db } from "@/lib/db";
import { recordPresence, touchLastSeen } from "@/lib/db/queries";
import { readText } from "@/lib/http/guards";
import { jsonError, jsonOk } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";
import { pusher } from "@/lib/realtime/server";

// The realtime server reports presence here. Every signed-in tab subscribes to its own
// private-user-{id} channel, so that channel's occupancy is the user's online state.

export const runtime = "nodejs";

const USER_CHANNEL = /^private-user-(.+)$/;

type WebhookEvent = { name: string; channel: string; user_id?: string };

export const POST = withUnavailable(async (request: Request) => {
  const rawBody = await readText(request, 256 * 1024);
  if (rawBody === null) return jsonError(413, "body_too_large", "The body is too large.");
  // The signature covers the raw text: it is checked before anything is parsed.
  const webhook = pusher().webhook({ headers: Object.fromEntries(request.headers), rawBody });
  if (!webhook.isValid())
    return jsonError(401, "invalid_signature", "The webhook signature does not match.");

  let events: WebhookEvent[];
  let at: Date;
  try {
    events = webhook.getEvents() as WebhookEvent[];
    at = webhook.getTime();
  } catch {
    return jsonError(400, "invalid_request", "The webhook body is not in the expected format.");
  }

  for (const event of events) {
    const userId = USER_CHANNEL.exec(event.channel)?.[1];
    if (userId && event.name === "channel_occupied") await recordPresence(db(), userId, true, at);
    if (userId && event.name === "channel_vacated") await recordPresence(db(), userId, false, at);
    if (event.user_id && (event.name === "member_added" || event.name === "member_removed")) {
      await touchLastSeen(db(), event.user_id, at);
    }
  }
  return jsonOk({ received: events.length });
});
