import "server-only";
import { demoChannelKinds } from "@/demo/channels";
import { type ChannelKind, coreChannelKinds, createPolicy } from "@/lib/channels/policy";

// The composition root: what this app adds to the authentication core, and the one channel policy
// built from the core's kinds and the features'. lib/ imports no feature; routes and actions ask
// this `policy`. `npm run demo:remove` leaves the list empty.

/** Channel kinds beside the core's own. */
export const featureChannelKinds: readonly ChannelKind[] = [...demoChannelKinds];

/** Channel auth, every action and route that publishes or reads history, and the webhooks ask it. */
export const policy = createPolicy([...coreChannelKinds, ...featureChannelKinds]);
