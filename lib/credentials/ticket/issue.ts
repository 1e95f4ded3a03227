import "server-only";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { issueTicket, newTicketNonce } from "@/lib/credentials/ticket/format";

import { env } from "@/lib/env";
import type { AuthFlow } from "@/lib/vocabulary/session-kinds";

/**
 * A ticket for `userId`, signed with this app's secret, valid for REALTIME_TICKET_TTL_MINUTES;
 * `webSessionId` ties it (and the realtime session it starts) to the web session that asked.
 * Recorded in the activity log by its id (its nonce), never the ticket itself.
 */
export async function issueUserTicket(userId: string, flow: AuthFlow, webSessionId?: string) {
  const { PUSHER_KEY: appKey, PUSHER_SECRET: secret, REALTIME_TICKET_TTL_MINUTES: minutes } = env();
  const nonce = newTicketNonce();
  const ticket = issueTicket(
    userId,
    { appKey, secret },
    { ttlSeconds: minutes * 60, flow, session: webSessionId, nonce },
  );
  await recordAuthEvent({
    kind: "ticket_issued",
    outcome: "success",
    userId,
    sessionId: webSessionId,
    detail: `${flow} ${nonce}`,
  });
  return ticket;
}
