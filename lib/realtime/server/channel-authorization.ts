import "server-only";
import type Pusher from "pusher";
import { isEncryptedChannel } from "@/lib/channels/names";
import type { ChannelPolicy, ChannelUser } from "@/lib/channels/policy";
import { env } from "@/lib/env";
import { type Refusal, refusal } from "@/lib/http/errors";
import { countChannelAnswer } from "@/lib/observability/metrics";
import { pusher } from "@/lib/realtime/server/pusher";

// One channel's authorization, as both channel auth endpoints give it: the form that pusher-js
// posts for one channel (/api/pusher/auth), and the kit's client's list (/api/pusher/auth/batch).

export type ChannelGrant =
  | { ok: true; answer: Pusher.ChannelAuthResponse }
  | { ok: false; refusal: Refusal<"channel_forbidden" | "encryption_not_configured"> };

type Judged = ChannelUser & { name?: string | null; username: string };

/**
 * The policy's verdict on `user` subscribing to `channel` and, when yes, the signed answer.
 * Counted here, per channel, since a batch's request is ok however many of its channels are refused.
 */
export async function authorizeChannelFor(
  policy: ChannelPolicy,
  user: Judged,
  socketId: string,
  channel: string,
): Promise<ChannelGrant> {
  const grant = await judge(policy, user, socketId, channel);
  countChannelAnswer(grant.ok ? 200 : grant.refusal.status);
  return grant;
}

async function judge(
  policy: ChannelPolicy,
  user: Judged,
  socketId: string,
  channel: string,
): Promise<ChannelGrant> {
  if (!(await policy.may(user, "subscribe", channel)))
    return { ok: false, refusal: refusal("channel_forbidden", channel) };
  // The SDK derives an encrypted channel's key from the master key, which is optional.
  if (isEncryptedChannel(channel) && !env().PUSHER_ENCRYPTION_MASTER_KEY)
    return { ok: false, refusal: refusal("encryption_not_configured") };
  const presence = policy.kindOf(channel)?.presence
    ? // Every member sees it: the name only, never the username one signs in with.
      { user_id: user.id, user_info: { name: user.name ?? user.username } }
    : undefined;
  return { ok: true, answer: pusher().authorizeChannel(socketId, channel, presence) };
}
