import "server-only";
import { headers } from "next/headers";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { servedOverHttps } from "@/lib/http/https";

/** What the gate needs from the NextAuth JWT: who, and which web session record vouches for it. */
export type SessionClaims = { userId: string; sessionId: string | undefined };

// Decrypting the session cookie costs about 1.7 ms (key derivation and JWE), far more than
// signing the answer. The same cookie always decrypts to the same claims, so each is decrypted
// once and remembered until its own expiry, a minute at most. Revocation is not decided here:
// the gate checks the session record (through a revocation-aware cache) on every request.
const REMEMBER_MS = 60_000;
const MAX_ENTRIES = 10_000;
const globalForSessions = globalThis as unknown as {
  decodedSessions?: Map<string, { claims: SessionClaims | undefined; until: number }>;
};
globalForSessions.decodedSessions ??= new Map();
const decoded = globalForSessions.decodedSessions;

/**
 * The session-token cookies alone (Auth.js may split one into .0, .1 …): the cache's key. The
 * whole header would let anyone holding one token fill the cache by adding other cookies.
 */
function sessionCookies(header: string): string {
  return header
    .split(";")
    .map((pair) => pair.trim())
    .filter((pair) => /^(__Secure-)?authjs\.session-token(\.\d+)?=/.test(pair))
    .join("; ");
}

/**
 * The claims of the request's session cookie, or undefined without a valid one. auth() would
 * also re-encrypt and re-send the cookie on every call, which the gate does not need.
 */
export async function sessionClaims(): Promise<SessionClaims | undefined> {
  const requestHeaders = await headers();
  const cookie = sessionCookies(requestHeaders.get("cookie") ?? "");
  const remembered = decoded.get(cookie);
  if (remembered && remembered.until > Date.now()) return remembered.claims;

  const { AUTH_URL, AUTH_SECRET } = env();
  // Auth.js names the cookie __Secure-… over HTTPS: read the one it would have set.
  const secureCookie = servedOverHttps(requestHeaders, AUTH_URL);
  const token = await getToken({
    req: { headers: requestHeaders },
    secret: AUTH_SECRET,
    secureCookie,
  });
  const claims =
    typeof token?.id === "string"
      ? { userId: token.id, sessionId: typeof token.sid === "string" ? token.sid : undefined }
      : undefined;
  if (cookie && token) {
    const expires = typeof token.exp === "number" ? token.exp * 1000 : Date.now();
    if (decoded.size >= MAX_ENTRIES) decoded.delete(decoded.keys().next().value ?? "");
    decoded.set(cookie, { claims, until: Math.min(Date.now() + REMEMBER_MS, expires) });
  }
  return claims;
}
