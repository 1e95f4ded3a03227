import type { Channel } from "pusher-js";
import { RealtimeError } from "@/lib/realtime/client/errors";

/**
 * The channels joined: several components may share one, which is left when the last of them
 * leaves; and why channel auth refused one, which pusher-js reports as a bare status.
 */
export function createChannels() {
  const joined = new Map<string, number>();
  const refusals = new Map<string, RealtimeError>();

  return {
    joined(name: string) {
      joined.set(name, (joined.get(name) ?? 0) + 1);
    },
    /** Counts a leave; true when it was the last. */
    left(name: string): boolean {
      const remaining = (joined.get(name) ?? 1) - 1;
      if (remaining > 0) {
        joined.set(name, remaining);
        return false;
      }
      joined.delete(name);
      return true;
    },
    refused(name: string, error: RealtimeError) {
      refusals.set(name, error);
    },
    /** Reports the channel's subscription errors, with channel auth's reason when it gave one. */
    reportErrors(channel: Channel, onError: (error: RealtimeError) => void) {
      const { name } = channel;
      channel.bind("pusher:subscription_error", (event: { error?: string; status?: number }) => {
        const known = refusals.get(name);
        refusals.delete(name);
        onError(
          known ??
            new RealtimeError(
              "http",
              "subscription_error",
              event.error ?? "Refused.",
              event.status,
            ),
        );
      });
    },
  };
}
