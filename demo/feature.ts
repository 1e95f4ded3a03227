import "server-only";
import { demoChannelKinds } from "@/demo/channels";
import type { Feature } from "@/lib/feature";

/** The demo, as features.ts lists it: its channels, and its parts of /, /app and /quickstart. */
export const demo: Feature = {
  name: "demo",
  channelKinds: demoChannelKinds,
  parts: {
    home: () => import("@/demo/parts/home"),
    app: () => import("@/demo/parts/app"),
    quickstart: () => import("@/demo/parts/quickstart"),
  },
};
