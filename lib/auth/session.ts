import "server-only";
import { headers } from "next/headers";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";

// Decrypting the session cookie costs about 1.7 ms (key derivation and JWE), far more than
// signing the answer. The same cookie always decrypts to the same claims, so each is decrypted
// once and remembered until its own expiry, a minute at most.
const REMEMBER_MS = 60_000;
const MAX_ENTRIES = 10_000;
const globalForSessions = globalThis as unknown as {
  decodedSessions?: Map<string, { userId: string | undefined; until: number }>;
};
globalForSessions.decodedSessions ??= new Map();
const decoded = globalForSessions.decodedSessions;

/**
 * The signed-in user's id from the session cookie. auth() would also re-encrypt and re-send the
 * cookie on every call, which the hot auth endpoints do not need: they check the user (bans
 * included) on every request anyway.
 */
export async function sessionUserId(): Promise<string | undefined> {
  const requestHeaders = await headers();
  const cookie = requestHeaders.get("cookie") ?? "";
  const remembered = decoded.get(cookie);
  if (remembered && remembered.until > Date.now()) return remembered.userId;

  const { AUTH_URL, AUTH_SECRET } = env();
  // Auth.js names the cookie __Secure-… over HTTPS: read the one it would have set.
  const secureCookie = AUTH_URL
    ? AUTH_URL.startsWith("https:")
    : requestHeaders.get("x-forwarded-proto") === "https";
  const token = await getToken({
    req: { headers: requestHeaders },
    secret: AUTH_SECRET,
    secureCookie,
  });
  const userId = typeof token?.id === "string" ? token.id : undefined;
  if (cookie && token) {
    const expires = typeof token.exp === "number" ? token.exp * 1000 : Date.now();
    if (decoded.size >= MAX_ENTRIES) decoded.delete(decoded.keys().next().value ?? "");
    decoded.set(cookie, { userId, until: Math.min(Date.now() + REMEMBER_MS, expires) });
  }
  return userId;
}
