/**
 * The user-timing mark a page sets when its socket is first signed in (DevTools shows it). Apart
 * from client.ts so that the benchmark's floor page can set it without bundling the client.
 */
export const SIGNED_IN_MARK = "realtime:signin_success";
