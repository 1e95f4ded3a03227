import type { RealtimeClient } from "@/lib/realtime/client/client-types";

// The one way e2e specs reach a tab's client. On only where the server says so: REALTIME_TEST_SEAM=1
// (refused where others could reach the app: lib/env-schema.ts) makes the root layout render
// TEST_SEAM_ATTRIBUTE on <html>. Without it, nothing is exposed.

/** What the specs use of the tab's client. */
export type RealtimeTestSeam = Pick<RealtimeClient, "observe" | "join" | "leave" | "reconnect">;

/** The attribute of <html> that switches the seam on. */
export const TEST_SEAM_ATTRIBUTE = "data-realtime-test-seam";

declare global {
  var __realtimeTestSeam: RealtimeTestSeam | undefined;
}

/** Puts the seam on globalThis when the page carries the switch. */
export function installTestSeam(client: RealtimeClient): void {
  if (typeof document === "undefined") return;
  if (!document.documentElement.hasAttribute(TEST_SEAM_ATTRIBUTE)) return;
  globalThis.__realtimeTestSeam = {
    observe: client.observe,
    join: client.join,
    leave: client.leave,
    reconnect: client.reconnect,
  };
}
