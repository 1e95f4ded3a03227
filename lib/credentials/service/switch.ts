import "server-only";
import { eq, ne } from "drizzle-orm";
import { cache } from "react";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { db } from "@/lib/db";
import { appSettings } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { Env } from "@/lib/env-schema";
import { endServiceSessions } from "@/lib/sessions/lifecycle";

// The operator's switch for authentication by the service. Read from the database on every
// request, so that a change applies at once on every app instance.

const KEY = "service_auth";

/** Without an admin's choice: SERVICE_AUTH, else on only with the bundled (local) realtime server. */
export function defaultServiceAuth(
  settings: Pick<Env, "SERVICE_AUTH" | "REALTIME_SERVER">,
): boolean {
  if (settings.SERVICE_AUTH) return settings.SERVICE_AUTH === "on";
  return settings.REALTIME_SERVER === "bundled";
}

/**
 * On or off, and since when it is on: a service ticket issued before that instant was issued
 * before a switch-off, and stays dead after the switch is turned on again.
 */
export async function serviceAuthState(): Promise<{ enabled: boolean; since?: Date }> {
  const [stored] = await db().select().from(appSettings).where(eq(appSettings.key, KEY)).limit(1);
  if (!stored) return { enabled: defaultServiceAuth(env()) };
  return stored.value === "on" ? { enabled: true, since: stored.updatedAt } : { enabled: false };
}

/**
 * Whether the switch lets in a credential of the service flow made at `createdAt`. "predates": made
 * before the switch was last turned on, so before a switch-off: dead for good, even if it raced it.
 */
export async function serviceFlowAdmits(createdAt: Date): Promise<"open" | "off" | "predates"> {
  const service = await serviceAuthState();
  if (!service.enabled) return "off";
  return service.since && createdAt < service.since ? "predates" : "open";
}

/** Read once per request: /quickstart's layout and page must agree on whether it is on. */
export const serviceAuthEnabled = cache(
  async (): Promise<boolean> => (await serviceAuthState()).enabled,
);

/**
 * Turning it off also ends the sessions it started and closes their users' connections. `by`:
 * the admin who switched it, for the activity log.
 */
export async function setServiceAuth(enabled: boolean, by?: string): Promise<void> {
  const value = enabled ? "on" : "off";
  // Only a change moves updatedAt: pressing "on" twice must not kill the tickets of the first.
  await db()
    .insert(appSettings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({
      target: appSettings.key,
      set: { value, updatedAt: new Date() },
      setWhere: ne(appSettings.value, value),
    });
  await recordAuthEvent({
    kind: "service_auth_toggled",
    outcome: "success",
    userId: by,
    actorId: by,
    detail: value,
  });
  if (enabled) return;
  await endServiceSessions();
}
