"use server";

import { z } from "zod";
import { senderOf } from "@/demo/lib/chat/access";
import { inboxOf, roomChannel } from "@/demo/lib/chat/channel-names";
import { CHAT_ERRORS } from "@/demo/lib/chat/errors";
import {
  type ChatMessage,
  directThread,
  MESSAGE_MAX_LENGTH,
  roomThread,
} from "@/demo/lib/chat/messages";
import { roomSlugSchema } from "@/demo/lib/chat/rooms";
import { appendMessage } from "@/demo/lib/chat/threads";
import { policy } from "@/features";
import { db } from "@/lib/db";
import { findUserById } from "@/lib/db/queries";
import type { User } from "@/lib/db/schema";
import { currentUser } from "@/lib/identity/gate";
import { pusher } from "@/lib/realtime/server/pusher";

export type SendResult = { ok: true; message: ChatMessage } | { ok: false; error: string };

const textSchema = z
  .string()
  .trim()
  .min(1, "Write a message first.")
  .max(MESSAGE_MAX_LENGTH, `A message is at most ${MESSAGE_MAX_LENGTH} characters.`);
const roomSchema = z.object({ room: roomSlugSchema, text: textSchema });
const directSchema = z.object({ recipientId: z.string().min(1).max(64), text: textSchema });

type Refusal = { ok: false; error: string };

/** Every send starts here: the signed-in caller and the checked input, or why not. */
async function callerAnd<T>(
  schema: z.ZodType<T>,
  input: unknown,
): Promise<{ ok: true; user: User; data: T } | Refusal> {
  const caller = await currentUser();
  if (!caller.ok) return { ok: false, error: caller.refusal.message };
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid message." };
  return { ok: true, user: caller.user, data: parsed.data };
}

/**
 * Tells the channels about a stored message. The message is sent once stored: when the realtime
 * server is down, clients find it by its sequence number after they reconnect.
 */
async function announce(channels: string[], payload: object): Promise<void> {
  try {
    await Promise.all(channels.map((channel) => pusher().trigger(channel, "message", payload)));
  } catch (error) {
    console.warn(`Stored a message but could not announce it on ${channels.join(", ")}:`, error);
  }
}

/** Stores the message first, then announces it: a client that misses the event finds it by seq. */
export async function sendRoomMessage(room: string, text: string): Promise<SendResult> {
  const input = await callerAnd(roomSchema, { room, text });
  if (!input.ok) return input;
  const { user } = input;
  const channel = roomChannel.build({ slug: input.data.room });
  if (!(await policy.may(user, "publish", channel)))
    return { ok: false, error: CHAT_ERRORS.room_forbidden.message };

  const message = await appendMessage(db(), {
    thread: roomThread(input.data.room),
    sender: senderOf(user),
    text: input.data.text,
  });
  await announce([channel], message);
  return { ok: true, message };
}

/** Delivered on both users' private-encrypted-inbox channels: the realtime server sees ciphertext. */
export async function sendDirectMessage(recipientId: string, text: string): Promise<SendResult> {
  const input = await callerAnd(directSchema, { recipientId, text });
  if (!input.ok) return input;
  const { user } = input;
  const recipient = await findUserById(db(), input.data.recipientId);
  if (!recipient || recipient.id === user.id) return { ok: false, error: "Choose another user." };
  const channels = [user, recipient].map(inboxOf);
  if (!(await policy.may(user, "publish", channels[1] ?? "")))
    return { ok: false, error: "You may not send direct messages." };

  const thread = directThread(user.id, recipient.id);
  const message = await appendMessage(db(), {
    thread,
    sender: senderOf(user),
    text: input.data.text,
  });
  const payload = { ...message, thread, with: { sender: user.id, recipient: recipient.id } };
  await announce(channels, payload);
  return { ok: true, message };
}
