import "server-only";
import { headers } from "next/headers";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";

/**
 * The signed-in user's id from the session cookie, decrypted once. auth() would also re-encrypt
 * and re-send the cookie on every call, which the hot auth endpoints do not need: they check
 * the user in the database on every request anyway.
 */
export async function sessionUserId(): Promise<string | undefined> {
  const requestHeaders = await headers();
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
  return typeof token?.id === "string" ? token.id : undefined;
}
