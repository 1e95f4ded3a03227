import "server-only";
import { db } from "@/lib/db";
import { ACTIVITY_RESOLUTION_MS, recordActivity } from "@/lib/sessions/devices";
import type { SessionStore } from "@/lib/vocabulary/session-kinds";

// A device's "last active": recorded when the gate admits its web session, and when user-auth
// or channel auth accept its realtime session. At most one write per session a minute: this
// instance asks at most once a minute per session, and the update itself is a no-op when any
// instance wrote within the minute. Never awaited by the request, and never its failure.

const MAX_ENTRIES = 10_000;
const globalForActivity = globalThis as unknown as { sessionActivity?: Map<string, number> };
globalForActivity.sessionActivity ??= new Map();
const asked = globalForActivity.sessionActivity;

/** Notes that `sessionId` was used now; written to its row if a minute passed since. */
export function touchSession(kind: SessionStore, sessionId: string, lastActiveAt?: Date): void {
  const now = Date.now();
  if (lastActiveAt && now - lastActiveAt.getTime() < ACTIVITY_RESOLUTION_MS) return;
  if (now - (asked.get(sessionId) ?? 0) < ACTIVITY_RESOLUTION_MS) return;
  if (asked.size >= MAX_ENTRIES) asked.delete(asked.keys().next().value ?? "");
  asked.delete(sessionId); // Re-inserted last: the map's order is the order of use.
  asked.set(sessionId, now);
  recordActivity(db(), kind, sessionId, new Date(now)).catch((error: unknown) => {
    asked.delete(sessionId);
    console.warn(
      "Could not record a session's activity:",
      error instanceof Error ? error.message : error,
    );
  });
}
