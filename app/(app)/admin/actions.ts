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
import { type SensitiveActionState, STEP_UP_FIRST } from "@/lib/identity/sensitive-action";
import { recentlyConfirmed } from "@/lib/identity/step-up";
import { banUser, changeRole, disconnectConnections, unbanUser } from "@/lib/sessions/lifecycle";

// Every admin action is sensitive: it acts only for a session that signed in or confirmed within
// STEP_UP_MAX_AGE_SECONDS (lib/identity/step-up.ts); otherwise the page asks "Confirm it's you".

const targetSchema = z.object({ userId: z.string().min(1).max(64) });
const roleSchema = targetSchema.extend({ role: z.enum(["user", "admin"]) });

/** Every admin action on a user: an admin, valid fields naming another user, a fresh sign-in, the act. */
async function onUser<S extends typeof targetSchema>(
  formData: FormData,
  schema: S,
  act: (userId: string, input: z.infer<S>, adminId: string) => Promise<void>,
): Promise<SensitiveActionState> {
  const caller = await requireAdmin("/admin");
  const form = formArgument(formData);
  const fields = Object.keys(schema.shape).map((name) => [name, formField(form, name)]);
  const input = schema.safeParse(Object.fromEntries(fields));
  if (!input.success) notFound();
  const target = await findUserById(db(), input.data.userId);
  if (!target || target.id === caller.user.id) notFound();
  if (!(await recentlyConfirmed(caller))) return STEP_UP_FIRST;
  await act(target.id, input.data, caller.user.id);
  revalidatePath("/admin");
  return null;
}

export async function disconnectAction(_state: SensitiveActionState, formData: FormData) {
  return onUser(formData, targetSchema, disconnectConnections);
}

export async function banAction(_state: SensitiveActionState, formData: FormData) {
  return onUser(formData, targetSchema, (userId, _input, adminId) => banUser(userId, adminId));
}

export async function unbanAction(_state: SensitiveActionState, formData: FormData) {
  return onUser(formData, targetSchema, (userId, _input, adminId) => unbanUser(userId, adminId));
}

/** Grants or revokes the admin role; live connections follow within a second or so. */
export async function setRoleAction(_state: SensitiveActionState, formData: FormData) {
  return onUser(formData, roleSchema, (userId, { role }, adminId) =>
    changeRole(userId, role, adminId),
  );
}

const switchSchema = z.object({ enabled: z.enum(["on", "off"]) });

/** The go-live switch: authentication by the service, on or off, from the next request on. */
export async function setServiceAuthAction(
  _state: SensitiveActionState,
  formData: FormData,
): Promise<SensitiveActionState> {
  const caller = await requireAdmin("/admin");
  const input = switchSchema.safeParse({ enabled: formField(formArgument(formData), "enabled") });
  if (!input.success) notFound();
  if (!(await recentlyConfirmed(caller))) return STEP_UP_FIRST;
  await setServiceAuth(input.data.enabled === "on", caller.user.id);
  revalidatePath("/admin");
  return null;
}
