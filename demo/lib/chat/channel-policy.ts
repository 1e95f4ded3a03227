import { inboxChannel, roomChannel } from "@/demo/lib/chat/channel-names";
import { anyone, type ChannelUser, channelKind, ownerNow } from "@/lib/channels/policy";

// The chat's rules, registered with the core's in features.ts.

export type RoomAudience = "everyone" | "admins";

/** `roomAudience` reads the rooms table: a room that does not exist has no audience. */
export function chatChannelKinds(lookups: {
  roomAudience: (slug: string) => Promise<RoomAudience | undefined>;
}) {
  const member = async (user: ChannelUser, { slug }: { slug: string }) => {
    const audience = await lookups.roomAudience(slug);
    return audience === "everyone" || (audience === "admins" && user.role === "admin");
  };
  return [
    channelKind(roomChannel, {
      subscribe: member,
      publish: member,
      history: member,
      presence: member,
    }),
    channelKind(inboxChannel, {
      subscribe: ownerNow,
      history: ownerNow,
      // Anyone may send a direct message; the action checks that the recipient exists.
      publish: anyone,
    }),
  ];
}
