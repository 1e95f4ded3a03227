import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { currentUser } from "@/lib/identity/gate";
import { confirmedUser } from "@/lib/identity/step-up";
import { signOutOtherDevices } from "@/lib/sessions/account-ends";
import { listDevices } from "@/lib/sessions/devices";
import { deviceJson } from "@/lib/sessions/devices-json";

// The signed-in user's devices, for clients that are not the /account page: the list, and
// "sign out all other devices". Each live session is a device: see lib/sessions/devices.ts.

export const runtime = "nodejs";

export const GET = route({ caller: { cookie: currentUser } }, async ({ caller }) => {
  const devices = await listDevices(db(), caller.user.id, {
    idleSeconds: env().REALTIME_SESSION_IDLE_SECONDS,
  });
  return jsonOk({
    devices: devices.map((device) => deviceJson(device, caller.sessionId)),
    maxSessions: env().MAX_SESSIONS_PER_USER,
  });
});

/**
 * Signs out every device but the caller's; the caller's stays signed in. Sensitive: a sign-in
 * older than STEP_UP_MAX_AGE_SECONDS gets 401 step_up_required.
 */
export const DELETE = route({ caller: { cookie: confirmedUser } }, async ({ caller }) => {
  const signedOut = await signOutOtherDevices(caller.user.id, caller.sessionId);
  return jsonOk({ signedOut });
});
