import { type NextRequest, NextResponse } from "next/server";
import { env, realtimeConfig } from "@/lib/env";
import {
  contentSecurityPolicy,
  createNonce,
  STRICT_TRANSPORT_SECURITY,
} from "@/lib/http/security-headers";

/** Every page gets a Content-Security-Policy with a nonce of its own, and HSTS over https. */
export function proxy(request: NextRequest) {
  // Next.js gives the proxy an https: URL when the request came over TLS or with
  // X-Forwarded-Proto: https (a client that claims it over http changes only its own response);
  // an https AUTH_URL says so when the proxy in front sets no such header.
  const https =
    request.nextUrl.protocol === "https:" || env().AUTH_URL?.startsWith("https:") === true;
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    realtime: realtimeConfig(),
    https,
    development: process.env.NODE_ENV === "development",
  });

  // Next.js reads the nonce from the request's policy and puts it on every script it renders.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only. API routes answer JSON and are the hot path; static files are not documents.
      // Prefetches are RSC payloads, which a policy does not apply to.
      source: "/((?!api/|_next/static/|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
