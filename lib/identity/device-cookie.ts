import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { derivedKey } from "@/lib/crypto/derived-key";

// OWASP's device cookies ("Slow down online guessing attacks with device cookies"): a browser
// where a user proved their password carries a token naming that user, signed by the server.
// A sign-in attempt that presents one for the same user is throttled on that token's own budget
// (lib/credentials/password/throttle.ts, device), not on the account's budget for unknown browsers, which
// strangers can exhaust. One cookie holds the tokens of the last few users of the browser.
//
// A token: userId "." nonce "." expiry (seconds since the epoch) "." base64url(HMAC-SHA256 of
// the first three under a key derived from AUTH_SECRET). Tokens are joined by "~".

/** Its HKDF label: the key signs device tokens alone. Changing it forgets every device. */
const DEVICE_KEY_INFO = "realtime-auth-kit/device-cookie/v1";

/** How long a browser stays known without signing in again. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Users one browser is known for: a shared computer's few, without an unbounded cookie. */
export const MAX_DEVICE_USERS = 5;

const TOKEN = /^([A-Za-z0-9-]{1,64})\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

function mac(secret: string, body: string): string {
  return createHmac("sha256", derivedKey(secret, DEVICE_KEY_INFO)).update(body).digest("base64url");
}

/** One user's token in a browser: the nonce is what the device's budget is counted under. */
export type DeviceToken = { userId: string; nonce: string; expires: number; token: string };

/** The cookie's name: `__Host-` (Secure, no Domain, Path=/) whenever it is served over HTTPS. */
export function deviceCookieName(secure: boolean): string {
  return secure ? "__Host-device" : "device";
}

/** The valid tokens of a cookie's value, newest first; forged, expired or malformed ones drop. */
export function readDeviceCookie(
  value: string | undefined,
  secret: string,
  now = Date.now(),
): DeviceToken[] {
  if (!value) return [];
  const tokens: DeviceToken[] = [];
  for (const token of value.split("~").slice(0, MAX_DEVICE_USERS)) {
    const match = TOKEN.exec(token);
    if (!match?.[1] || !match[2] || !match[3] || !match[4]) continue;
    const [, userId, nonce, expiry, signature] = match;
    const expected = Buffer.from(mac(secret, `${userId}.${nonce}.${expiry}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) continue;
    const expires = Number(expiry);
    if (expires * 1000 <= now) continue;
    tokens.push({ userId, nonce, expires, token });
  }
  return tokens;
}

/** The nonce of the cookie's token for `userId`, if it holds a valid one. */
export function trustedDevice(
  value: string | undefined,
  userId: string,
  secret: string,
  now = Date.now(),
): string | undefined {
  return readDeviceCookie(value, secret, now).find((token) => token.userId === userId)?.nonce;
}

/**
 * The cookie's value after `userId` signed in: a fresh token (a new nonce, so a new budget) for
 * them first, then the other users' valid tokens, up to MAX_DEVICE_USERS in all.
 */
export function rememberDevice(
  value: string | undefined,
  userId: string,
  secret: string,
  now = Date.now(),
): string {
  const expires = Math.floor(now / 1000) + DEVICE_COOKIE_MAX_AGE_SECONDS;
  const nonce = randomBytes(16).toString("base64url");
  const body = `${userId}.${nonce}.${expires}`;
  const others = readDeviceCookie(value, secret, now)
    .filter((token) => token.userId !== userId)
    .slice(0, MAX_DEVICE_USERS - 1)
    .map((token) => token.token);
  return [`${body}.${mac(secret, body)}`, ...others].join("~");
}

/** The value of cookie `name` in a Cookie header. */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  for (const pair of (header ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie attributes; `__Host-` requires Secure, Path=/ and no Domain. */
export function deviceCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    secure,
    sameSite: "lax" as const,
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  };
}
