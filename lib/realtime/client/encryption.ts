import type { Options } from "pusher-js";
import { RealtimeError } from "@/lib/realtime/client/errors";

/** The NaCl library that pusher-js opens private-encrypted- channels' events with. */
export type Nacl = NonNullable<Options["nacl"]>;

/**
 * pusher-js takes `nacl` when it is constructed, yet needs it only for encrypted channels, and
 * the library is about a sixth of a page's own script: pusher-js gets a stand-in, and the app
 * supplies a loader (enableEncryption) that runs when a tab first authorizes such a channel.
 */
export function createEncryption() {
  let loader: (() => Promise<Nacl>) | undefined;
  let loading: Promise<Nacl> | undefined;
  let loaded: Nacl | undefined;

  const unavailable = () =>
    new RealtimeError(
      "http",
      "encryption_unavailable",
      "private-encrypted- channels need client.enableEncryption(load) to be called first.",
    );

  function ready(): Nacl {
    if (!loaded) throw new Error("An encrypted event arrived before its channel was authorized.");
    return loaded;
  }

  return {
    enable(load: () => Promise<Nacl>) {
      loader = load;
    },
    enabled: () => loader !== undefined,
    /** The error of an encrypted channel's authorization when no loader was supplied. */
    unavailable,
    /** Resolves once the library is there; a channel's authorization awaits it. */
    async load(): Promise<void> {
      if (loaded) return;
      if (!loader) throw unavailable();
      loading ??= loader();
      try {
        loaded = await loading;
      } catch (error) {
        loading = undefined; // The next authorization tries again.
        throw new RealtimeError(
          "http",
          "network_error",
          `Could not load the encryption library: ${error}`,
        );
      }
    },
    /**
     * What pusher-js's `nacl` option reads: secretbox's sizes and `open`. A channel's authorization
     * awaits load(), and no event arrives before the subscription, so `open` finds it loaded.
     */
    nacl: {
      secretbox: {
        overheadLength: 16,
        nonceLength: 24,
        open: (...args: Parameters<Nacl["secretbox"]["open"]>) => ready().secretbox.open(...args),
      },
    } as Nacl,
  };
}

export type Encryption = ReturnType<typeof createEncryption>;
