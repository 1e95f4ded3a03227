import type { Role } from "@/lib/db/schema";

// Who may subscribe to what, in one place. Each rule names a channel pattern and a callback
// that says whether `user` may join it; a channel that matches no rule is denied.

export type ChannelUser = { id: string; name: string | null; username: string; role: Role };

export type ChannelContext = {
  /** Who may join a room: undefined when the room does not exist. */
  roomAudience: (slug: string) => Promise<"everyone" | "admins" | undefined>;
};

type Params = Record<string, string>;
type Check = (
  user: ChannelUser,
  params: Params,
  context: ChannelContext,
) => boolean | Promise<boolean>;
type Rule = { pattern: RegExp; names: string[]; check: Check };

// What Pusher allows in a channel name, so a parameter can never swallow another channel's prefix.
const PARAM = "([A-Za-z0-9_\\-=@,.;]+)";

function channel(template: string, check: Check): Rule {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "");
  const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, PARAM);
  return { pattern: new RegExp(`^${source}$`), names, check };
}

export const CHANNEL_RULES: Rule[] = [
  channel("private-user-{id}", (user, { id }) => user.id === id),
  channel("private-encrypted-inbox-{id}", (user, { id }) => user.id === id),
  channel("presence-room-{slug}", async (user, { slug = "" }, { roomAudience }) => {
    const audience = await roomAudience(slug);
    return audience === "everyone" || (audience === "admins" && user.role === "admin");
  }),
];

export async function mayJoinChannel(
  user: ChannelUser,
  channelName: string,
  context: ChannelContext,
): Promise<boolean> {
  for (const rule of CHANNEL_RULES) {
    const match = rule.pattern.exec(channelName);
    if (!match) continue;
    const params = Object.fromEntries(
      rule.names.map((name, index) => [name, match[index + 1] ?? ""]),
    );
    return rule.check(user, params, context);
  }
  return false;
}

export function isPresenceChannel(channelName: string): boolean {
  return channelName.startsWith("presence-");
}
