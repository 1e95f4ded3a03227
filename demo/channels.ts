import "server-only";
import { chatChannelKinds } from "@/demo/lib/chat/channel-policy";
import { roomAudience } from "@/demo/lib/chat/room-audience";

/** The demo's channel kinds (rooms, the encrypted inbox), registered with the core in features.ts. */
export const demoChannelKinds = chatChannelKinds({ roomAudience });
