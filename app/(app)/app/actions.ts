"use server";

import { z } from "zod";
import { db } from "@/lib/db";
import { findUserById } from "@/lib/db/queries";
import { formArgument } from "@/lib/http/action-arguments";
import { formField } from "@/lib/http/form-data";
import { currentUser } from "@/lib/identity/gate";
import { pusher } from "@/lib/realtime/server/pusher";

export type SendState = { error?: string; sent?: string };

const sendSchema = z.object({
  recipientId: z.string().min(1, "Choose a recipient").max(64),
  text: z.string().trim().min(1, "Write a message").max(500, "At most 500 characters"),
});

/** Sends an event to every connection of one user, by id. */
export async function sendToUserAction(_state: SendState, formData: FormData): Promise<SendState> {
  const form = formArgument(formData);
  const caller = await currentUser();
  if (!caller.ok) return { error: caller.refusal.message };
  const input = sendSchema.safeParse({
    recipientId: formField(form, "recipientId"),
    text: formField(form, "text"),
  });
  if (!input.success) return { error: input.error.issues[0]?.message ?? "Invalid message." };

  const sender = caller.user;
  const recipient = await findUserById(db(), input.data.recipientId);
  if (!recipient) return { error: "That user does not exist." };

  await pusher().sendToUser(recipient.id, "notice", {
    from: { name: sender.name ?? sender.username, username: sender.username },
    text: input.data.text,
    sentAt: new Date().toISOString(),
  });
  return { sent: `Sent to @${recipient.username}.` };
}
