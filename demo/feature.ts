import "server-only";
import { demoChannelKinds } from "@/demo/channels";
import type { Feature } from "@/lib/feature";

/**
 * The demo, as features.ts lists it: its channels. Its parts of /, /app and /quickstart are
 * listed in the parts.ts beside each page's `@features` slot.
 */
export const demo: Feature = {
  name: "demo",
  channelKinds: demoChannelKinds,
};
