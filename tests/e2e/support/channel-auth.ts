import type { APIRequestContext, APIResponse } from "@playwright/test";
import Pusher from "pusher-js";
import { stackSecrets } from "../fixtures";
import { workerStack } from "./worker-stack";

// Channel auth as a script holding a signed-in browser's cookies can ask for it: straight to
// /api/pusher/auth, or for a socket of its own on the realtime server.

/** POSTs channel auth for `channel` with `request`'s cookies (a browser context's request). */
export function channelAuth(
  request: APIRequestContext,
  channel: string,
  socketId = "1234.5678",
): Promise<APIResponse> {
  return request.post("/api/pusher/auth", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: new URLSearchParams({ socket_id: socketId, channel_name: channel }).toString(),
  });
}

/** POSTs a sign-in answer for `socketId` with `request`'s cookies, as pusher-js's signin() does. */
export function userAuth(request: APIRequestContext, socketId: string): Promise<APIResponse> {
  return request.post("/api/pusher/user-auth", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: new URLSearchParams({ socket_id: socketId }).toString(),
  });
}

/**
 * A pusher-js client of its own on the stack's realtime server, signed in and authorized by the
 * app for `request`'s cookies, as an integrator's own client would be. The caller disconnects it;
 * `refusal()` is the app's last refusal of channel auth, as "{status} {error code}".
 */
export function cookieClient(request: APIRequestContext): {
  socket: Pusher;
  refusal: () => string;
} {
  let refusal = "";
  const socket = new Pusher(stackSecrets().PUSHER_KEY, {
    cluster: "mt1",
    wsHost: "127.0.0.1",
    wsPort: workerStack().soketiPort,
    forceTLS: false,
    enabledTransports: ["ws"],
    userAuthentication: {
      endpoint: "/api/pusher/user-auth",
      transport: "ajax",
      customHandler: ({ socketId }, callback) => {
        userAuth(request, socketId).then(
          async (response) =>
            response.ok()
              ? callback(null, await response.json())
              : callback(new Error(`sign-in refused: ${response.status()}`), null),
          (error: Error) => callback(error, null),
        );
      },
    },
    channelAuthorization: {
      endpoint: "/api/pusher/auth",
      transport: "ajax",
      customHandler: ({ socketId, channelName }, callback) => {
        channelAuth(request, channelName, socketId).then(
          async (response) => {
            const body = await response.json().catch(() => ({}));
            if (response.ok()) return callback(null, body);
            refusal = `${response.status()} ${body.error ?? ""}`.trim();
            callback(new Error(refusal), null);
          },
          (error: Error) => callback(error, null),
        );
      },
    },
  });
  return { socket, refusal: () => refusal };
}

/** Signs `socket` in and waits for the verdict: whether it signed in. */
export async function signedIn(socket: Pusher): Promise<boolean> {
  socket.signin();
  // Settles on success and on failure alike.
  await socket.user.signinDonePromise;
  return Boolean(socket.user.user_data);
}

/**
 * Opens a socket of its own on the realtime server, signs it in and subscribes it to `channel`,
 * authorized by the app for `request`'s cookies (the bundled soketi takes no private subscription
 * before a sign-in). Resolves "subscribed" once the realtime server accepted the app's
 * signature, or the app's refusal as "{status} {error code}".
 */
export async function subscribeWith(request: APIRequestContext, channel: string): Promise<string> {
  const { socket, refusal } = cookieClient(request);
  try {
    if (!(await signedIn(socket))) return "sign-in refused";
    return await new Promise<string>((resolve) => {
      const subscribed = socket.subscribe(channel);
      subscribed.bind("pusher:subscription_succeeded", () => resolve("subscribed"));
      subscribed.bind("pusher:subscription_error", (error: { status?: number }) =>
        resolve(refusal() || `subscription error ${error.status ?? ""}`.trim()),
      );
    });
  } finally {
    socket.disconnect();
  }
}
