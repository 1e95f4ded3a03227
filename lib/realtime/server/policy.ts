import "server-only";
import { featureChannelKinds } from "@/features";
import { coreChannelKinds, createPolicy } from "@/lib/realtime/channel-policy";

// The one channel policy: channel auth, every action and route that publishes or reads history,
// and the webhooks ask it. The core's kinds, and those the app's features register.

export const policy = createPolicy([...coreChannelKinds, ...featureChannelKinds]);
