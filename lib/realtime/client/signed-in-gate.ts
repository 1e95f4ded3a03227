import type { RealtimeError } from "@/lib/realtime/client/errors";

type Waiting = { socketId: string; open: () => void; refuse: (error: RealtimeError) => void };

/**
 * Holds a socket's channel authorizations until that socket has signed in. pusher-js subscribes
 * as soon as it is handed an authorization, and a subscription before the sign-in is what the
 * end of a session cannot reach: the bundled soketi refuses it, hosted Pusher keeps it until the
 * socket closes. Channel auth is still fetched at once, beside the sign-in: nothing waits longer
 * than the slower of the two.
 */
export function createSignedInGate() {
  let signedIn: string | undefined;
  let waiting: Waiting[] = [];

  return {
    /**
     * Calls `open` once `socketId` has signed in (at once if it has), `refuse` if it fails first.
     * An answer for an older socket is dropped: pusher-js authorizes again on the new one.
     */
    whenSignedIn(socketId: string, open: () => void, refuse: (error: RealtimeError) => void) {
      if (socketId === signedIn) open();
      else if (signedIn === undefined) waiting.push({ socketId, open, refuse });
    },
    signedIn(socketId: string | undefined) {
      signedIn = socketId;
      const ready = waiting.filter((w) => w.socketId === socketId);
      waiting = [];
      for (const w of ready) w.open();
    },
    failed(error: RealtimeError) {
      signedIn = undefined;
      const refused = waiting;
      waiting = [];
      for (const w of refused) w.refuse(error);
    },
    /**
     * The socket is gone: what waited for it is dropped, as pusher-js authorizes every channel
     * again on the next socket.
     */
    disconnected() {
      signedIn = undefined;
      waiting = [];
    },
  };
}

export type SignedInGate = ReturnType<typeof createSignedInGate>;
