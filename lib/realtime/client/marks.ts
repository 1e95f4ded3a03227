/**
 * The user-timing mark a page sets when its socket is first signed in (DevTools shows it). Apart
 * from client.ts so that the benchmark's floor page can set it without bundling the client.
 */
export const SIGNED_IN_MARK = "realtime:signin_success";

/**
 * An observer (client.observe) that sets SIGNED_IN_MARK at the page's first sign-in, as it
 * arrives: DevTools and the benchmark read the time from navigation to here.
 */
export function markFirstSignIn(observation: { type: string }): void {
  if (observation.type !== "signed-in") return;
  if (performance.getEntriesByName(SIGNED_IN_MARK).length > 0) return;
  performance.mark(SIGNED_IN_MARK);
}
