import { z } from "zod";

// What the realtime server posts to /api/pusher/webhooks, once its signature is verified.

/**
 * A delivery whose `time_ms` is further than this from the app's clock, either way, is ignored:
 * a captured delivery cannot be replayed later, nor one dated ahead to outlast newer ones.
 */
export const WEBHOOK_WINDOW_MS = 5 * 60 * 1000;

export const webhookDeliverySchema = z.object({
  time_ms: z.number().int().nonnegative(),
  // One event per delivery unless the server batches them; the body's size caps it too.
  events: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        channel: z.string().min(1).max(200),
        user_id: z.string().min(1).max(200).optional(),
      }),
    )
    .max(1_000),
});

export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export function isWithinWindow(delivery: WebhookDelivery, now = Date.now()): boolean {
  return Math.abs(now - delivery.time_ms) <= WEBHOOK_WINDOW_MS;
}
