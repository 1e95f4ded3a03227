import { type ErrorBody, SESSION_ENDED_MESSAGE, SUSPENDED_MESSAGE } from "@/lib/http/error-body";
import type { RefusalEndReason } from "@/lib/vocabulary/end-reason";

// The error catalog: every code the app answers with, its HTTP status and its message. Route
// handlers, server actions' form state, the proxy and the realtime client's parser all read it.
// On the wire a refusal is `{ error, message, reason? }`; browser code may import this module.

type Entry = { status: number; message: string | ((...details: never[]) => string) };

const catalog = <const T extends Record<string, Entry>>(table: T) => table;

export const ERRORS = catalog({
  // Who is asking (lib/identity/gate.ts and the realtime credentials).
  no_session: { status: 401, message: "Sign in first." },
  session_ended: { status: 401, message: SESSION_ENDED_MESSAGE },
  user_banned: { status: 403, message: SUSPENDED_MESSAGE },
  invalid_credentials: { status: 401, message: "Invalid username or password." },
  // A sensitive action on a session whose last sign-in or confirmation is older than
  // STEP_UP_MAX_AGE_SECONDS (lib/identity/step-up.ts). The session lives on: confirm, then retry.
  step_up_required: {
    status: 401,
    message:
      "This action needs a recent sign-in: confirm it's you with your password (POST /api/account/confirmation) or a passkey (POST /api/account/confirmation/passkey), or sign in again, then retry.",
  },
  wrong_password: { status: 401, message: "That is not this account's password." },
  no_password: {
    status: 409,
    message:
      "This account has no password here: it signs in with GitHub. Sign out, then sign in again to confirm it's you.",
  },
  // Passkeys (lib/credentials/passkey/): each refusal of a ceremony says what went wrong.
  challenge_expired: {
    status: 400,
    message:
      "This passkey request has expired or was answered already, or was asked in another browser. Try again.",
  },
  passkey_unknown: {
    status: 401,
    message: "This passkey is not registered here: it may have been removed. Use another way in.",
  },
  passkey_not_verified: {
    status: 401,
    message:
      "The authenticator did not verify you (no PIN, fingerprint or face check). Use one that does.",
  },
  passkey_counter_regression: {
    status: 401,
    message:
      "This passkey's signature counter went backwards, a sign of a copied credential: it was refused and logged.",
  },
  passkey_invalid: {
    status: 401,
    message: "The passkey's answer did not verify for this site. Try again.",
  },
  passkey_exists: { status: 409, message: "This passkey is registered already." },
  passkey_not_found: { status: 404, message: "You have no passkey with this id." },
  ticket_malformed: { status: 401, message: "The ticket is not in the expected format." },
  ticket_tampered: { status: 401, message: "The ticket's signature does not match." },
  ticket_wrong_app: { status: 401, message: "The ticket was issued for another app." },
  ticket_expired: { status: 401, message: "The ticket has expired. Ask for a new one." },
  ticket_revoked: {
    status: 401,
    message: "The ticket was revoked by a sign-out, a ban or the service switch.",
  },
  ticket_used: { status: 401, message: "The ticket was exchanged already. Ask for a new one." },
  service_auth_disabled: {
    status: 403,
    message: "Authentication by the service is switched off on this site.",
  },
  // Limits: the message says how long to wait; the answer carries Retry-After.
  throttled: { status: 429, message: (detail: string) => detail },
  sign_up_limited: { status: 429, message: (detail: string) => detail },
  tickets_limited: {
    status: 429,
    message: (seconds: number) => `Too many tickets for this account: try again in ${seconds} s.`,
  },
  // The request itself.
  cross_site_request: {
    status: 403,
    message: (from: "sites" | "origins") => `Requests from other ${from} are not accepted.`,
  },
  forbidden_origin: { status: 403, message: "This request came from another site." },
  untrusted_host: {
    status: 403,
    message:
      "This local app answers only to localhost and loopback addresses: set AUTH_URL to serve it under another name.",
  },
  invalid_path: { status: 400, message: "The path is malformed." },
  unknown_action: { status: 404, message: "There is no such server action." },
  unsupported_content_type: {
    status: 400,
    message: (type: string) => `Send the body as ${type}.`,
  },
  body_too_large: {
    status: 413,
    message: (limit: number) => `The body is larger than ${limit} bytes.`,
  },
  invalid_json: { status: 400, message: "The body is not valid JSON." },
  invalid_request: { status: 400, message: (detail: string) => detail },
  invalid_signature: { status: 401, message: "The webhook signature does not match." },
  metrics_token_required: { status: 401, message: "Send Authorization: Bearer <METRICS_TOKEN>." },
  admin_only: { status: 403, message: "Only an admin may read this." },
  metrics_off: { status: 404, message: "Metrics are off here: METRICS_TOKEN is not set." },
  // What the caller asked for.
  channel_forbidden: {
    status: 403,
    message: (channel: string) => `You may not subscribe to ${channel}.`,
  },
  username_taken: { status: 409, message: "That username is taken." },
  current_device: {
    status: 409,
    message: "This is the device you are using: sign out instead (POST /api/auth/signout).",
  },
  device_not_found: { status: 404, message: "You have no signed-in device with this id." },
  // The server's own state.
  encryption_not_configured: {
    status: 503,
    message: "Encrypted channels need PUSHER_ENCRYPTION_MASTER_KEY on the server.",
  },
  service_unavailable: {
    status: 503,
    message: "A backing service is unavailable. Try again shortly.",
  },
});

export type ErrorCode = keyof typeof ERRORS;

type Details<C extends ErrorCode> = (typeof ERRORS)[C]["message"] extends (
  ...details: infer D
) => string
  ? D
  : [];

/** A refusal before it is sent: its code, status and message; `reason` tells how a session ended. */
export type Refusal<C extends ErrorCode = ErrorCode> = {
  code: C;
  status: (typeof ERRORS)[C]["status"];
  message: string;
  reason?: RefusalEndReason;
  retryAfterSeconds?: number;
};

/** The catalog's refusal for `code`, its message filled in with `details` where it takes some. */
export function refusal<C extends ErrorCode>(code: C, ...details: Details<C>): Refusal<C> {
  const { status, message } = ERRORS[code];
  // The table's type says which details each message takes; Details<C> is that list.
  const fill = message as unknown as (...d: Details<C>) => string;
  const text = typeof message === "string" ? message : fill(...details);
  return { code, status, message: text };
}

/** Any refusal, the catalog's or a feature's own: its code, status and message. */
export type AnyRefusal = Omit<Refusal, "code" | "status"> & { code: string; status: number };

/** A refusal as JSON, never cached; Retry-After when it says how long to wait. */
export function errorResponse(refused: AnyRefusal, extra?: Record<string, string>): Response {
  const { status, code, message, reason, retryAfterSeconds } = refused;
  const body: ErrorBody = reason ? { error: code, message, reason } : { error: code, message };
  const headers = new Headers({ "Cache-Control": "no-store", ...extra });
  if (retryAfterSeconds !== undefined) headers.set("Retry-After", String(retryAfterSeconds));
  return Response.json(body, { status, headers });
}

/** `refusal(code, ...details)` as its JSON answer. */
export function apiError<C extends ErrorCode>(code: C, ...details: Details<C>): Response {
  return errorResponse(refusal(code, ...details));
}

/** A refusal that must wait: its Retry-After and the catalog's message. */
export function limited<C extends ErrorCode>(
  seconds: number,
  code: C,
  ...details: Details<C>
): Response {
  return errorResponse({ ...refusal(code, ...details), retryAfterSeconds: seconds });
}
