import "server-only";
import { chatChannelKinds } from "@/lib/chat/channel-policy";
import { coreChannelKinds, createPolicy } from "@/lib/realtime/channel-policy";
import { cachedRoomAudience } from "@/lib/realtime/user-cache";

// The one channel policy: channel auth, every action and route that publishes or reads history,
// and the webhooks ask it. The core's kinds, and each feature's, registered here.

export const policy = createPolicy([
  ...coreChannelKinds,
  ...chatChannelKinds({ roomAudience: cachedRoomAudience }),
]);
