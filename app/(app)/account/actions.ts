"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { z } from "zod";
import { signOut } from "@/auth";
import { changeOwnPassword, type PasswordChange } from "@/lib/credentials/password/change";
import { formArgument } from "@/lib/http/action-arguments";
import { formField } from "@/lib/http/form-data";
import { requireUser } from "@/lib/identity/gate";
import { type SensitiveActionState, STEP_UP_FIRST } from "@/lib/identity/sensitive-action";
import { recentlyConfirmed } from "@/lib/identity/step-up";
import { signOutDevice, signOutOtherDevices } from "@/lib/sessions/account-ends";
import { signOutEverywhere } from "@/lib/sessions/lifecycle";

// proxy.ts (like Next.js after it) refuses a server action whose Origin is not this site's host,
// so these, like every action, cannot be sent by another site. Each is sensitive: it acts only
// for a session that signed in or confirmed within STEP_UP_MAX_AGE_SECONDS (lib/identity/step-up.ts).

/** Ends every session of the signed-in user, on every device, then this browser's cookie. */
export async function signOutEverywhereAction(
  _state: SensitiveActionState,
  formData: FormData,
): Promise<SensitiveActionState> {
  formArgument(formData);
  const caller = await requireUser("/account");
  if (!(await recentlyConfirmed(caller))) return STEP_UP_FIRST;
  await signOutEverywhere(caller.user.id);
  await signOut({ redirectTo: "/sign-in" });
  return null;
}

const deviceSchema = z.object({ deviceId: z.uuid() });

/** Signs one other device out: its session ends and its connections close. */
export async function signOutDeviceAction(
  _state: SensitiveActionState,
  formData: FormData,
): Promise<SensitiveActionState> {
  const caller = await requireUser("/account");
  const input = deviceSchema.safeParse({ deviceId: formField(formArgument(formData), "deviceId") });
  if (!input.success) notFound();
  if (!(await recentlyConfirmed(caller))) return STEP_UP_FIRST;
  // This device signs out with the header's Sign out; a device already gone needs nothing.
  const outcome = await signOutDevice(caller.user.id, caller.sessionId, input.data.deviceId);
  if (outcome === "current_device") notFound();
  revalidatePath("/account");
  return null;
}

/** Signs out every device but this one. */
export async function signOutOtherDevicesAction(
  _state: SensitiveActionState,
  formData: FormData,
): Promise<SensitiveActionState> {
  formArgument(formData);
  const caller = await requireUser("/account");
  if (!(await recentlyConfirmed(caller))) return STEP_UP_FIRST;
  await signOutOtherDevices(caller.user.id, caller.sessionId);
  revalidatePath("/account");
  return null;
}

/** The "Change password" form; its current password is the fresh sign-in it needs. */
export async function changePasswordAction(
  _state: PasswordChange | null,
  formData: FormData,
): Promise<PasswordChange> {
  const caller = await requireUser("/account");
  const form = formArgument(formData);
  const changed = await changeOwnPassword(
    caller,
    {
      currentPassword: formField(form, "currentPassword"),
      newPassword: formField(form, "newPassword"),
    },
    await headers(),
  );
  if (changed.ok) revalidatePath("/account");
  return changed;
}
