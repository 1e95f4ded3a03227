"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/gate";
import { banUser, disconnectConnections, unbanUser } from "@/lib/auth/lifecycle";
import { db } from "@/lib/db";
import { findUserById } from "@/lib/db/queries";
import { formField } from "@/lib/http/form-data";
import { setServiceAuth } from "@/lib/realtime/server/service-switch";

const targetSchema = z.object({ userId: z.string().min(1).max(64) });

/** Every admin action: an admin, a valid target that is not the admin, then the act. */
async function onUser(formData: FormData, act: (userId: string) => Promise<void>): Promise<void> {
  const { user: admin } = await requireAdmin("/admin");
  const input = targetSchema.safeParse({ userId: formField(formData, "userId") });
  if (!input.success) notFound();
  const target = await findUserById(db(), input.data.userId);
  if (!target || target.id === admin.id) notFound();
  await act(target.id);
  revalidatePath("/admin");
}

export async function disconnectAction(formData: FormData): Promise<void> {
  await onUser(formData, disconnectConnections);
}

export async function banAction(formData: FormData): Promise<void> {
  await onUser(formData, banUser);
}

export async function unbanAction(formData: FormData): Promise<void> {
  await onUser(formData, unbanUser);
}

const switchSchema = z.object({ enabled: z.enum(["on", "off"]) });

/** The go-live switch: authentication by the service, on or off, from the next request on. */
export async function setServiceAuthAction(formData: FormData): Promise<void> {
  await requireAdmin("/admin");
  const input = switchSchema.safeParse({ enabled: formField(formData, "enabled") });
  if (!input.success) notFound();
  await setServiceAuth(input.data.enabled === "on");
  revalidatePath("/admin");
}
