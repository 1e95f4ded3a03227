import type { APIRequestContext, APIResponse } from "@playwright/test";
import Pusher from "pusher-js";
import { stackSecrets } from "../fixtures";

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

/**
 * Opens a socket of its own on the realtime server and subscribes it to `channel`, authorized by
 * the app for `request`'s cookies. Resolves "subscribed" once the realtime server accepted the
 * app's signature, or the app's refusal as "{status} {error code}".
 */
export async function subscribeWith(request: APIRequestContext, channel: string): Promise<string> {
  let refusal = "";
  const socket = new Pusher(stackSecrets().PUSHER_KEY, {
    cluster: "mt1",
    wsHost: "127.0.0.1",
    wsPort: Number(process.env.E2E_SOKETI_PORT),
    forceTLS: false,
    enabledTransports: ["ws"],
    channelAuthorization: {
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
  try {
    return await new Promise<string>((resolve) => {
      const subscribed = socket.subscribe(channel);
      subscribed.bind("pusher:subscription_succeeded", () => resolve("subscribed"));
      subscribed.bind("pusher:subscription_error", (error: { status?: number }) =>
        resolve(refusal || `subscription error ${error.status ?? ""}`.trim()),
      );
    });
  } finally {
    socket.disconnect();
  }
}
