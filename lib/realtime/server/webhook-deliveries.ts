import { lt } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";
import { webhookDeliveries } from "@/lib/db/schema";
import { WEBHOOK_WINDOW_MS } from "@/lib/realtime/server/webhooks";

// A signed delivery is taken once, on whichever instance gets it first: its signature (an HMAC of
// the raw body, which carries `time_ms`) is the primary key of webhook_delivery.

/**
 * How long a signature is kept. A delivery is accepted while `time_ms` is within the window of
 * the clock either way, so one dated up to a window ahead can be replayed for two windows after
 * it first arrived.
 */
export const DELIVERY_KEPT_MS = 2 * WEBHOOK_WINDOW_MS;

/** Old signatures are deleted at most once a minute per instance, by a delivery. */
export const DELIVERY_PRUNE_INTERVAL_MS = 60_000;

const globalForDeliveries = globalThis as unknown as { webhookDeliveriesPrunedAt?: { at: number } };
globalForDeliveries.webhookDeliveriesPrunedAt ??= { at: 0 };

/**
 * Records the delivery signed `signature`; false when it was recorded before (a replay). Run it
 * in the transaction that applies the delivery, so that a delivery that failed half-way is not
 * taken for a replay when the realtime server retries it.
 */
export async function acceptDeliveryOnce(
  db: Pick<Database, "insert" | "delete">,
  signature: string,
  options: { now?: number; pruned?: { at: number } } = {},
): Promise<boolean> {
  const now = options.now ?? Date.now();
  const pruned = options.pruned ?? globalForDeliveries.webhookDeliveriesPrunedAt ?? { at: 0 };
  if (now - pruned.at >= DELIVERY_PRUNE_INTERVAL_MS) {
    pruned.at = now;
    await db
      .delete(webhookDeliveries)
      .where(lt(webhookDeliveries.receivedAt, new Date(now - DELIVERY_KEPT_MS)));
  }
  const inserted = await db
    .insert(webhookDeliveries)
    .values({ signature, receivedAt: new Date(now) })
    .onConflictDoNothing()
    .returning({ signature: webhookDeliveries.signature });
  return inserted.length === 1;
}
