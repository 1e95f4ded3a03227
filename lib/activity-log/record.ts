import "server-only";
import { headers } from "next/headers";
import { type NewAuthEvent, recordAuthEvents } from "@/lib/activity-log/events";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestClient } from "@/lib/http/peer-address";

// Every authentication event goes through here. The insert is awaited, so that the event is
// stored when the action answers (an admin who reloads sees it), and it is one small indexed
// row; its failure is logged and never fails nor delays the action further. Deleting the events
// past ACTIVITY_RETENTION_DAYS rides on a write, at most once an hour per instance, unawaited.

/** The client of the request being served, when there is one (a route, an action, a page). */
async function requestClientInfo(): Promise<{ clientAddress: string; userAgent: string | null }> {
  try {
    const request = await headers();
    return { clientAddress: requestClient(request), userAgent: request.get("user-agent") };
  } catch {
    return { clientAddress: "unknown", userAgent: null };
  }
}

/**
 * Records events; a field left undefined for the client's address or User-Agent is read from
 * the current request. Never throws.
 */
export async function recordAuthEvent(...events: NewAuthEvent[]): Promise<void> {
  if (events.length === 0) return;
  try {
    const needsRequest = events.some(
      (e) => e.clientAddress === undefined || e.userAgent === undefined,
    );
    const client = needsRequest ? await requestClientInfo() : undefined;
    const filled = events.map((event) => ({
      ...event,
      clientAddress:
        event.clientAddress === undefined ? client?.clientAddress : event.clientAddress,
      userAgent: event.userAgent === undefined ? client?.userAgent : event.userAgent,
    }));
    await recordAuthEvents(db(), filled, { retentionDays: env().ACTIVITY_RETENTION_DAYS });
  } catch (error) {
    console.warn(
      "Could not record an authentication event:",
      error instanceof Error ? error.message : error,
    );
  }
}
