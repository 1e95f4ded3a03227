// The one vocabulary for kinds of session. A session is stored as web (the cookie's) or realtime
// (started by exchanging a ticket); a web session began by a sign-in method, a realtime one by an
// auth flow; the Devices list names each by the three together.

/** Which table holds a session. */
export const SESSION_STORES = ["web", "realtime"] as const;
export type SessionStore = (typeof SESSION_STORES)[number];

/** How a web session began: the password form, or GitHub. */
export const SIGN_IN_METHODS = ["credentials", "github", "passkey"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** Who issued the ticket a realtime session began with: your backend, or the service flow. */
export const AUTH_FLOWS = ["backend", "service"] as const;
export type AuthFlow = (typeof AUTH_FLOWS)[number];

/** A device as the Devices list shows it: a web session, or a realtime session by its flow. */
/** "ticket": a realtime session of the backend flow; "service": one of the service flow. */
export type DeviceKind = "web" | "ticket" | "service";
