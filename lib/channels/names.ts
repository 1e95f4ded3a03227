// Channel names, built and read in one place. Browser and server share these: a channel name is
// never assembled from a string anywhere else, and never parsed with an ad-hoc regex.

/** What Pusher allows in a channel name, so a parameter can never swallow another's prefix. */
const PARAM = /^[A-Za-z0-9_\-=@,.;]+$/;

type ParamNames<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

export type ChannelParams<T extends string> = { [Name in ParamNames<T>]: string };

export type ChannelName<T extends string = string> = {
  readonly template: T;
  /** The channel's name for these parameters; throws on a value Pusher would refuse. */
  build(params: ChannelParams<T>): string;
  /** The parameters of a name of this kind, or undefined. */
  parse(name: string): ChannelParams<T> | undefined;
  readonly presence: boolean;
};

/** A kind of channel named by a template such as "private-user-{userId}". */
export function channelName<const T extends string>(template: T): ChannelName<T> {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "");
  const source = template
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\{\w+\}/g, "([A-Za-z0-9_\\-=@,.;]+)");
  const pattern = new RegExp(`^${source}$`);
  return {
    template,
    presence: template.startsWith("presence-"),
    build(params) {
      return template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = (params as Record<string, string>)[name] ?? "";
        if (!PARAM.test(value)) throw new Error(`Invalid ${name} for ${template}: ${value}`);
        return value;
      });
    },
    parse(name) {
      const match = pattern.exec(name);
      if (!match) return undefined;
      return Object.fromEntries(
        names.map((param, index) => [param, match[index + 1] ?? ""]),
      ) as ChannelParams<T>;
    },
  };
}

// The core's channels. A feature declares its own the same way, in its folder
// (docs/add-a-feature.md).

/** One per user: its occupancy (webhooks) is the user's online state. */
export const userChannel = channelName("private-user-{userId}");

/** Who is online: every signed-in user may join and appears in it. */
export const onlineChannel = channelName("presence-online");

/** pusher-js decrypts these with a key the server derives from PUSHER_ENCRYPTION_MASTER_KEY. */
export const isEncryptedChannel = (name: string) => name.startsWith("private-encrypted-");

/** The protocol's own channel for sendToUser ("#server-to-user-{id}"), which pusher-js joins. */
export const isUserChannel = (name: string | undefined) =>
  Boolean(name?.startsWith("#server-to-user-"));
