import {
  type ChannelName,
  type ChannelParams,
  onlineChannel,
  userChannel,
} from "@/lib/channels/names";
import type { Role } from "@/lib/vocabulary/roles";

// Who may do what on each kind of channel. A kind lists a rule per operation; an operation it does
// not list is refused, and so is a channel of no registered kind.

export const OPERATIONS = ["subscribe", "publish", "history", "presence"] as const;

/**
 * subscribe: channel auth lets the socket join it; publish: the app's server sends on it for the
 * user (a chat message); history: the user may read what was sent on it; presence: the user
 * appears in it with their name (presence channels only).
 */
export type Operation = (typeof OPERATIONS)[number];

/**
 * The user as the gate admitted them: signed in, not banned. `channelEpoch` moves on at every end
 * of one of their sessions and every change of their rights (lib/sessions/end.ts).
 */
export type ChannelUser = { id: string; role: Role; channelEpoch: number };

type Rule<T extends string> = (
  user: ChannelUser,
  params: ChannelParams<T>,
) => boolean | Promise<boolean>;

export type ChannelKind = {
  readonly template: string;
  readonly presence: boolean;
  matches(channel: string): boolean;
  allows(operation: Operation, user: ChannelUser, channel: string): Promise<boolean>;
};

export function channelKind<const T extends string>(
  name: ChannelName<T>,
  rules: Partial<Record<Operation, Rule<T>>>,
): ChannelKind {
  return {
    template: name.template,
    presence: name.presence,
    matches: (channel) => name.parse(channel) !== undefined,
    async allows(operation, user, channel) {
      const params = name.parse(channel);
      const rule = rules[operation];
      if (!params || !rule) return false;
      // A presence channel cannot be joined without appearing in it.
      if (operation === "subscribe" && name.presence) {
        const appears = rules.presence;
        if (!appears || !(await appears(user, params))) return false;
      }
      return rule(user, params);
    },
  };
}

export type ChannelPolicy = {
  kinds: readonly ChannelKind[];
  kindOf(channel: string): ChannelKind | undefined;
  may(user: ChannelUser, operation: Operation, channel: string): Promise<boolean>;
};

export function createPolicy(kinds: readonly ChannelKind[]): ChannelPolicy {
  const templates = kinds.map((kind) => kind.template);
  if (new Set(templates).size !== templates.length)
    throw new Error(`A channel kind is registered twice: ${templates.join(", ")}`);
  // A name that two kinds match belongs to neither: which rule applied would depend on the order
  // features were listed in (a feature's `presence-{topic}` would open the chat's rooms).
  const kindOf = (channel: string) => {
    const matching = kinds.filter((kind) => kind.matches(channel));
    return matching.length === 1 ? matching[0] : undefined;
  };
  return {
    kinds,
    kindOf,
    may: async (user, operation, channel) =>
      (await kindOf(channel)?.allows(operation, user, channel)) ?? false,
  };
}

/** The user whose own channel it is. */
export const owner = (user: ChannelUser, params: { userId: string }) => user.id === params.userId;

/**
 * The user's own channel of their current epoch: a channel named with an older epoch, and the
 * sockets and keys that it was given, get nothing sent after the epoch moved on.
 */
export const ownerNow = (user: ChannelUser, params: { userId: string; epoch: string }) =>
  owner(user, params) && params.epoch === String(user.channelEpoch);

/** Any user the gate admitted. */
export const anyone = () => true;

/** The core's kinds: its own per-user channel, and who is online. */
export const coreChannelKinds = [
  // Sent to by nobody through the app: sendToUser uses the protocol's own user channel.
  channelKind(userChannel, { subscribe: owner }),
  channelKind(onlineChannel, { subscribe: anyone, presence: anyone }),
];
