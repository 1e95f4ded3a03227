"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { setServiceAuth } from "@/lib/credentials/service/switch";
import { db } from "@/lib/db";
import { findUserById } from "@/lib/db/queries";
import { formArgument } from "@/lib/http/action-arguments";
import { formField } from "@/lib/http/form-data";
import { requireAdmin } from "@/lib/identity/gate";
import { banUser, changeRole, disconnectConnections, unbanUser } from "@/lib/sessions/lifecycle";

const targetSchema = z.object({ userId: z.string().min(1).max(64) });
const roleSchema = targetSchema.extend({ role: z.enum(["user", "admin"]) });

/** Every admin action: an admin, valid fields naming a target that is not the admin, the act. */
async function onUser<S extends typeof targetSchema>(
  formData: FormData,
  schema: S,
  act: (userId: string, input: z.infer<S>, adminId: string) => Promise<void>,
): Promise<void> {
  const { user: admin } = await requireAdmin("/admin");
  const form = formArgument(formData);
  const fields = Object.keys(schema.shape).map((name) => [name, formField(form, name)]);
  const input = schema.safeParse(Object.fromEntries(fields));
  if (!input.success) notFound();
  const target = await findUserById(db(), input.data.userId);
  if (!target || target.id === admin.id) notFound();
  await act(target.id, input.data, admin.id);
  revalidatePath("/admin");
}

export async function disconnectAction(formData: FormData): Promise<void> {
  await onUser(formData, targetSchema, disconnectConnections);
}

export async function banAction(formData: FormData): Promise<void> {
  await onUser(formData, targetSchema, (userId, _input, adminId) => banUser(userId, adminId));
}

export async function unbanAction(formData: FormData): Promise<void> {
  await onUser(formData, targetSchema, (userId, _input, adminId) => unbanUser(userId, adminId));
}

/** Grants or revokes the admin role; live connections follow within a second or so. */
export async function setRoleAction(formData: FormData): Promise<void> {
  await onUser(formData, roleSchema, (userId, { role }, adminId) =>
    changeRole(userId, role, adminId),
  );
}

const switchSchema = z.object({ enabled: z.enum(["on", "off"]) });

/** The go-live switch: authentication by the service, on or off, from the next request on. */
export async function setServiceAuthAction(formData: FormData): Promise<void> {
  const { user: admin } = await requireAdmin("/admin");
  const input = switchSchema.safeParse({ enabled: formField(formArgument(formData), "enabled") });
  if (!input.success) notFound();
  await setServiceAuth(input.data.enabled === "on", admin.id);
  revalidatePath("/admin");
}
