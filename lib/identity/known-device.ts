import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { servedOverHttps } from "@/lib/http/https";
import {
  cookieValue,
  deviceCookieName,
  deviceCookieOptions,
  rememberDevice,
  trustedDevice,
} from "@/lib/identity/device-cookie";

// The device cookie (lib/identity/device-cookie.ts) as a password sign-in reads and sets it.

/** The nonce of the request's valid device cookie for `userId`, if it has one. */
export type KnownDevice = (userId: string) => string | undefined;

function deviceCookie(headers: Headers) {
  const { AUTH_SECRET, AUTH_URL } = env();
  const secure = servedOverHttps(headers, AUTH_URL);
  const name = deviceCookieName(secure);
  return { secret: AUTH_SECRET, secure, name, value: cookieValue(headers.get("cookie"), name) };
}

/** Which user the request's device cookie vouches for, as verifyCredentials asks. */
export function knownDevice(headers: Headers): KnownDevice {
  const { secret, value } = deviceCookie(headers);
  return (userId) => trustedDevice(value, userId, secret);
}

/** After a password sign-in: this browser is known for `userId`, with a fresh budget. */
export async function rememberThisDevice(headers: Headers, userId: string): Promise<void> {
  const { secret, secure, name, value } = deviceCookie(headers);
  (await cookies()).set(name, rememberDevice(value, userId, secret), deviceCookieOptions(secure));
}
