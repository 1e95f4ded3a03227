import { z } from "zod";

// What the realtime server posts to /api/pusher/webhooks, once its signature is verified.

/**
 * A delivery whose `time_ms` is further than this from the app's clock, either way, is ignored:
 * a captured delivery cannot be replayed later, nor one dated ahead to outlast newer ones.
 */
export const WEBHOOK_WINDOW_MS = 5 * 60 * 1000;

// No control characters: none is valid in a channel name or a user id, and the database's text
// columns cannot hold NUL.
const printable = z
  .string()
  .min(1)
  .max(200)
  .regex(/^\P{Cc}+$/u, "must have no control characters");

export const webhookDeliverySchema = z.object({
  time_ms: z.number().int().nonnegative(),
  // One event per delivery unless the server batches them; the body's size caps it too.
  events: z
    .array(z.object({ name: printable, channel: printable, user_id: printable.optional() }))
    .max(1_000),
});

export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export function isWithinWindow(delivery: WebhookDelivery, now = Date.now()): boolean {
  return Math.abs(now - delivery.time_ms) <= WEBHOOK_WINDOW_MS;
}
