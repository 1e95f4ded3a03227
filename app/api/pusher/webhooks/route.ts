import { policy } from "@/features";
import { userChannel } from "@/lib/channels/names";
import { db } from "@/lib/db";
import { recordPresence, touchLastSeen } from "@/lib/db/queries";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/errors";
import { describeIssues, readText } from "@/lib/http/guards";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { pusher } from "@/lib/realtime/server/pusher";
import { acceptDeliveryOnce } from "@/lib/realtime/server/webhook-deliveries";
import { isWithinWindow, webhookDeliverySchema } from "@/lib/realtime/server/webhooks";

// The realtime server reports presence here. Every signed-in tab subscribes to its own user
// channel (lib/channels/names.ts), so that channel's occupancy is the user's online state.

export const runtime = "nodejs";

const SIGNATURE = /^[0-9a-f]{64}$/;

const MAX_BYTES = 256 * 1024;

// Server to server: no browser sends it, so no cross-site rule; the signature is the caller.
export const POST = route({ crossSite: "allow", endpoint: "webhook" }, async ({ request }) => {
  const rawBody = await readText(request, MAX_BYTES);
  if (rawBody === null) return apiError("body_too_large", MAX_BYTES);
  const headers = Object.fromEntries(request.headers);
  // The SDK compares the lengths of the expected and the given signature, so a missing header
  // throws there: only our key with a well-formed signature goes further.
  if (
    headers["x-pusher-key"] !== env().PUSHER_KEY ||
    !SIGNATURE.test(headers["x-pusher-signature"] ?? "")
  ) {
    return apiError("invalid_signature");
  }
  const webhook = pusher().webhook({ headers, rawBody });
  // The SDK calls any body that is not JSON sent as application/json invalid, whatever its
  // signature; that says nothing about the secret, so it is answered first.
  if (!webhook.isBodyValid()) {
    return apiError("invalid_request", "The webhook body must be JSON, sent as application/json.");
  }
  // The signature covers the raw text, which the SDK checks against the app secret.
  if (!webhook.isValid()) return apiError("invalid_signature");

  const delivery = webhookDeliverySchema.safeParse(webhook.getData());
  if (!delivery.success) return apiError("invalid_request", describeIssues(delivery.error));
  const { events, time_ms } = delivery.data;
  // Answered 200, so that the realtime server does not retry what will never be accepted.
  if (!isWithinWindow(delivery.data)) return jsonOk({ received: 0, ignored: events.length });

  const at = new Date(time_ms);
  // Taken once, across instances: a replay within the window is answered 200 (so that the
  // realtime server does not retry) and changes nothing. One transaction with the changes, so that
  // a delivery that failed half-way is taken when it is retried.
  const accepted = await db().transaction(async (tx) => {
    if (!(await acceptDeliveryOnce(tx, headers["x-pusher-signature"] ?? ""))) return false;
    for (const event of events) {
      const userId = userChannel.parse(event.channel)?.userId;
      if (userId && event.name === "channel_occupied") await recordPresence(tx, userId, true, at);
      if (userId && event.name === "channel_vacated") await recordPresence(tx, userId, false, at);
      // Membership counts only on the presence channels that the policy knows.
      const member = event.name === "member_added" || event.name === "member_removed";
      if (event.user_id && member && policy.kindOf(event.channel)?.presence) {
        await touchLastSeen(tx, event.user_id, at);
      }
    }
    return true;
  });
  if (!accepted) return jsonOk({ received: 0, duplicate: true });
  return jsonOk({ received: events.length });
});
