import type { ChannelAuthorizationCallback } from "pusher-js";
import { isEncryptedChannel } from "@/lib/channels/names";
import { createChannelBatch } from "@/lib/realtime/client/auth/channel-batch";
import { postChannelBatch } from "@/lib/realtime/client/auth-requests";
import type { Credential } from "@/lib/realtime/client/credential";
import type { Encryption } from "@/lib/realtime/client/encryption";
import type { RealtimeError } from "@/lib/realtime/client/errors";
import type { ObservationLog } from "@/lib/realtime/client/observations";
import type { SignedInGate } from "@/lib/realtime/client/signed-in-gate";

/**
 * pusher-js's channel authorization (its customHandler): /api/pusher/auth/batch, a turn's channels
 * at once, with the session's token when the client holds one. Mirrors pusher-js's
 * auth/channel_authorizer, whose endpoint (/api/pusher/auth) stays for plain pusher-js.
 */
export function createChannelAuthorizer(deps: {
  credential: Credential;
  url: (path: string) => string;
  log: ObservationLog;
  encryption: Encryption;
  gate: SignedInGate;
  /** A refusal, which join()'s onError reports rather than pusher-js's bare status. */
  refused: (channel: string, error: RealtimeError) => void;
}) {
  const { credential, url, log, encryption, gate } = deps;
  // Every channel of a turn in one request; the token waits its turn as every presentation does.
  const batch = createChannelBatch((socketId, channels) =>
    credential.present(() =>
      postChannelBatch(
        url("/api/pusher/auth/batch"),
        { socket_id: socketId, channel_names: channels, session: credential.token() },
        log.calls("channel-auth"),
      ),
    ),
  );

  return function authorize(
    socketId: string,
    channelName: string,
    callback: ChannelAuthorizationCallback,
  ) {
    const post = () => batch(socketId, channelName);
    const encrypted = isEncryptedChannel(channelName);
    // Without the library that decrypts it an encrypted channel is of no use: the app is not asked.
    // With it, the library loads while the app answers.
    const answered =
      encrypted && !encryption.enabled()
        ? Promise.reject(encryption.unavailable())
        : Promise.all([post(), encrypted ? encryption.load() : undefined]).then(
            ([answer]) => answer,
          );
    const refuse = (error: RealtimeError) => {
      log.record({ type: "channel-refused", channel: channelName, error });
      deps.refused(channelName, error);
      callback(error, null);
    };
    answered
      .then((answer) => {
        // Not `answer` itself: an encrypted channel's `shared_secret` is its key.
        log.record({
          type: "channel-authorized",
          channel: channelName,
          socketId,
          auth: answer.auth,
          channel_data: typeof answer.channel_data === "string" ? answer.channel_data : undefined,
        });
        // pusher-js subscribes when it is called back: not before this socket's sign-in, which a
        // session's end reaches (a socket that only subscribed is out of terminate's reach).
        gate.whenSignedIn(socketId, () => callback(null, answer), refuse);
      })
      .catch(refuse);
  };
}
