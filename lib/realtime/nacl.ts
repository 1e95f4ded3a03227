import type { Options } from "pusher-js";

type Nacl = NonNullable<Options["nacl"]>;

// pusher-js needs tweetnacl only to open events on private-encrypted-* channels, and it is about a
// sixth of the page's own script: it loads when a tab first authorizes such a channel.
let loaded: Nacl | undefined;

export const isEncryptedChannel = (name: string) => name.startsWith("private-encrypted-");

export async function loadNacl(): Promise<void> {
  loaded ??= (await import("tweetnacl")).default;
}

function ready(): Nacl {
  if (!loaded) throw new Error("tweetnacl is used before an encrypted channel was authorized.");
  return loaded;
}

/**
 * What pusher-js's `nacl` option reads: secretbox's sizes and `open`. The channel's authorization
 * awaits loadNacl(), and no event arrives before the subscription, so `open` finds it loaded.
 */
export const lazyNacl = {
  secretbox: {
    overheadLength: 16,
    nonceLength: 24,
    open: (...args: Parameters<Nacl["secretbox"]["open"]>) => ready().secretbox.open(...args),
  },
} as Nacl;
