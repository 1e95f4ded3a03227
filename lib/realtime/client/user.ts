import type Pusher from "pusher-js";
import { isUserChannel } from "@/lib/channels/names";

// soketi lets any socket, signed in or not, subscribe to "#server-to-user-{id}" and send client
// events there, which reach that user's tabs: only the server's own events are to be believed.
const FORGEABLE = "client- events on a user's channel can be sent by anyone: bind server events.";

export function isForgeable(message: { event: string; channel?: string }): boolean {
  return isUserChannel(message.channel) && message.event.startsWith("client-");
}

type Binding = [string, (data: unknown) => void];

/** The events sent to this user (sendToUser), bound before or after pusher-js exists. */
export function createUserBindings() {
  const bindings = new Set<Binding>();
  let user: Pusher["user"] | undefined;

  return {
    attach(pusher: Pusher) {
      user = pusher.user;
      for (const [event, handler] of bindings) user.bind(event, handler);
    },
    bind(event: string, handler: (data: unknown) => void): () => void {
      if (event.startsWith("client-")) throw new Error(FORGEABLE);
      const binding: Binding = [event, handler];
      bindings.add(binding);
      user?.bind(event, handler);
      return () => {
        bindings.delete(binding);
        user?.unbind(event, handler);
      };
    },
  };
}
