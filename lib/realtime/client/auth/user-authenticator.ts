import type { UserAuthenticationCallback } from "pusher-js";
import { postAuthForm } from "@/lib/realtime/client/auth-requests";
import type { Credential } from "@/lib/realtime/client/credential";
import type { RealtimeError } from "@/lib/realtime/client/errors";
import type { ObservationLog } from "@/lib/realtime/client/observations";

/**
 * pusher-js's user authentication (its customHandler): /api/pusher/user-auth, presenting what
 * the credential holds. Mirrors pusher-js's auth/user_authenticator.
 */
export function createUserAuthenticator(deps: {
  credential: Credential;
  url: (path: string) => string;
  log: ObservationLog;
}) {
  const { credential, url, log } = deps;
  // Why the last request failed: pusher:signin_error, which follows, does not say.
  let lastError: RealtimeError | null = null;

  function authenticate(socketId: string, callback: UserAuthenticationCallback) {
    credential
      .signIn((presented) =>
        postAuthForm(
          url("/api/pusher/user-auth"),
          { socket_id: socketId, ...presented },
          log.calls("user-auth"),
        ),
      )
      .then((answer) => {
        lastError = null;
        const userData = String(answer.user_data);
        // pusher-js sends the signin first; observers, which may be slow, are told after.
        callback(null, { auth: answer.auth, user_data: userData });
        // Not `answer`: its `session` is the token that signs this user in again.
        log.record({ type: "user-auth", socketId, auth: answer.auth, user_data: userData });
      })
      .catch((error: RealtimeError) => {
        lastError = error;
        callback(error, null);
      });
  }

  return {
    authenticate,
    lastError: () => lastError,
    reset() {
      lastError = null;
    },
  };
}

export type UserAuthenticator = ReturnType<typeof createUserAuthenticator>;
