import "server-only";
import type { AuthFlow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { issueTicket } from "@/lib/realtime/server/tickets";

/**
 * A ticket for `userId`, signed with this app's secret, valid for REALTIME_TICKET_TTL_MINUTES;
 * `webSessionId` ties it (and the realtime session it starts) to the web session that asked.
 */
export function issueUserTicket(userId: string, flow: AuthFlow, webSessionId?: string) {
  const { PUSHER_KEY: appKey, PUSHER_SECRET: secret, REALTIME_TICKET_TTL_MINUTES: minutes } = env();
  return issueTicket(
    userId,
    { appKey, secret },
    { ttlSeconds: minutes * 60, flow, session: webSessionId },
  );
}
