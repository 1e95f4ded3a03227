import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { servedOverHttps } from "@/lib/http/https";
import { cookieValue } from "@/lib/identity/device-cookie";

// The browser a passkey challenge was given to: an HttpOnly cookie holds the challenge's id
// (lib/credentials/passkey/challenge.ts), so an answer sent from any other browser finds none.
// SameSite=Lax, and `__Host-` over HTTPS, as the device cookie.

/** As long as the challenge itself lives. */
export const CHALLENGE_COOKIE_MAX_AGE_SECONDS = 5 * 60;

function cookieName(headers: Headers): { name: string; secure: boolean } {
  const secure = servedOverHttps(headers, env().AUTH_URL);
  return { name: secure ? "__Host-passkey-challenge" : "passkey-challenge", secure };
}

/** Gives the request's browser the challenge `id` (a route handler's or an action's cookies). */
export async function setChallengeCookie(headers: Headers, id: string): Promise<void> {
  const { name, secure } = cookieName(headers);
  (await cookies()).set(name, id, {
    httpOnly: true,
    secure,
    sameSite: "lax",
    path: "/",
    maxAge: CHALLENGE_COOKIE_MAX_AGE_SECONDS,
  });
}

/** The challenge id the request's browser holds, which is then cleared: it is used once. */
export async function takeChallengeCookie(headers: Headers): Promise<string | undefined> {
  const { name } = cookieName(headers);
  const id = cookieValue(headers.get("cookie"), name);
  if (id !== undefined) (await cookies()).delete(name);
  return id;
}
