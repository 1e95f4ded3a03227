"use server";

import { signOut } from "@/auth";
import { requireUser } from "@/lib/auth/gate";
import { signOutEverywhere } from "@/lib/auth/lifecycle";

/** Ends every session of the signed-in user, on every device, then this browser's cookie. */
export async function signOutEverywhereAction(): Promise<void> {
  const { user } = await requireUser("/account");
  await signOutEverywhere(user.id);
  await signOut({ redirectTo: "/sign-in" });
}
