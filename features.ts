import "server-only";
import { demoChannelKinds } from "@/demo/channels";
import type { ChannelKind } from "@/lib/realtime/channel-policy";

// What this app adds to the authentication core: the one file where features register, so that
// the core imports none of them. `npm run demo:remove` leaves the list empty.

/** Channel kinds beside the core's own, in the one policy (lib/realtime/server/policy.ts). */
export const featureChannelKinds: readonly ChannelKind[] = [...demoChannelKinds];
