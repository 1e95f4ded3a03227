"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { signOut } from "@/auth";
import { formArgument } from "@/lib/http/action-arguments";
import { formField } from "@/lib/http/form-data";
import { requireUser } from "@/lib/identity/gate";
import { signOutDevice, signOutEverywhere, signOutOtherDevices } from "@/lib/sessions/lifecycle";

// proxy.ts (like Next.js after it) refuses a server action whose Origin is not this site's host,
// so these, like every action, cannot be sent by another site.

/** Ends every session of the signed-in user, on every device, then this browser's cookie. */
export async function signOutEverywhereAction(): Promise<void> {
  const { user } = await requireUser("/account");
  await signOutEverywhere(user.id);
  await signOut({ redirectTo: "/sign-in" });
}

const deviceSchema = z.object({ deviceId: z.uuid() });

/** Signs one other device out: its session ends and its connections close. */
export async function signOutDeviceAction(formData: FormData): Promise<void> {
  const { user, sessionId } = await requireUser("/account");
  const input = deviceSchema.safeParse({ deviceId: formField(formArgument(formData), "deviceId") });
  if (!input.success) notFound();
  // This device signs out with the header's Sign out; a device already gone needs nothing.
  const outcome = await signOutDevice(user.id, sessionId, input.data.deviceId);
  if (outcome === "current_device") notFound();
  revalidatePath("/account");
}

/** Signs out every device but this one. */
export async function signOutOtherDevicesAction(): Promise<void> {
  const { user, sessionId } = await requireUser("/account");
  await signOutOtherDevices(user.id, sessionId);
  revalidatePath("/account");
}
