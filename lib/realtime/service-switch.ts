import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { appSettings } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { Env } from "@/lib/env-schema";
import { pusher } from "@/lib/realtime/server";
import { endServiceSessions } from "@/lib/realtime/sessions";
import { announceUserChange } from "@/lib/realtime/user-cache";

// The operator's switch for authentication by the service. Read from the database on every
// request, so that a change applies at once on every app instance.

const KEY = "service_auth";

/** Without an admin's choice: SERVICE_AUTH, else on only with the bundled (demo) realtime server. */
export function defaultServiceAuth(
  settings: Pick<Env, "SERVICE_AUTH" | "REALTIME_SERVER">,
): boolean {
  if (settings.SERVICE_AUTH) return settings.SERVICE_AUTH === "on";
  return settings.REALTIME_SERVER === "bundled";
}

export async function serviceAuthEnabled(): Promise<boolean> {
  const [stored] = await db().select().from(appSettings).where(eq(appSettings.key, KEY)).limit(1);
  return stored ? stored.value === "on" : defaultServiceAuth(env());
}

/** Turning it off also ends the sessions it started and closes their users' connections. */
export async function setServiceAuth(enabled: boolean): Promise<void> {
  const value = enabled ? "on" : "off";
  await db()
    .insert(appSettings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: new Date() } });
  if (enabled) return;
  const userIds = await endServiceSessions(db());
  await Promise.all(userIds.map(announceUserChange));
  await Promise.all(userIds.map((userId) => pusher().terminateUserConnections(userId)));
}
