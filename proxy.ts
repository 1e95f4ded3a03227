import { type NextRequest, NextResponse } from "next/server";
import { env, realtimeConfig } from "@/lib/env";
import { type Refusal, refusal } from "@/lib/http/errors";
import { isMalformedPath } from "@/lib/http/malformed-path";
import { isRebound } from "@/lib/http/rebinding";
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  createNonce,
  STATIC_SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
} from "@/lib/http/security-headers";
import {
  type ActionRefusal,
  readBoundedBody,
  refuseActionId,
  refuseArguments,
  refuseOrigin,
} from "@/lib/http/server-action-guard";

// Every page gets a Content-Security-Policy with a nonce of its own, and HSTS over https, prefetches
// included: a prefetch may come back as a full document (`Purpose: prefetch`), and an RSC payload
// with the policy is harmless. What Next.js would answer with a bare 500 is answered here instead:
// a path it cannot decode, and server actions that are not this site's or not well-formed.

/** The proxy's own answers carry what every response does. */
function answer(
  { status, code: error, message }: Refusal,
  policy: string,
  https: boolean,
  html: boolean,
): NextResponse {
  const headers = new Headers({ "cache-control": "no-store", "content-security-policy": policy });
  for (const { key, value } of STATIC_SECURITY_HEADERS) headers.set(key, value);
  if (https) headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  // Next.js's client router reads this as "the action is gone", and reloads the page.
  if (error === "unknown_action") headers.set("x-nextjs-action-not-found", "1");
  if (!html) return NextResponse.json({ error, message }, { status, headers });
  headers.set("content-type", "text/html; charset=utf-8");
  const page = `<!doctype html><html lang="en"><title>Bad request</title><h1>Bad request</h1><p>${message}</p></html>`;
  return new NextResponse(page, { status, headers });
}

/** A POST to a page is a server action: from this site, within the limit, known, well-formed. */
async function refuseAction(request: NextRequest): Promise<ActionRefusal | null> {
  const origin = refuseOrigin(request.headers);
  if (origin) return origin;
  const body = await readBoundedBody(request);
  if (!(body instanceof Uint8Array)) return body;
  const id = request.headers.get("next-action");
  if (id === null) return null; // A form posted without JavaScript: Next.js checks its fields.
  return (
    refuseActionId(id) ?? (await refuseArguments(body, request.headers.get("content-type") ?? ""))
  );
}

export async function proxy(request: NextRequest) {
  // Next.js gives the proxy an https: URL when the request came over TLS or with
  // X-Forwarded-Proto: https (a client that claims it over http changes only its own response);
  // an https AUTH_URL says so when the proxy in front sets no such header.
  const https =
    request.nextUrl.protocol === "https:" || env().AUTH_URL?.startsWith("https:") === true;
  const { pathname } = request.nextUrl;
  const api = pathname.startsWith("/api/");
  const policy = api
    ? API_CONTENT_SECURITY_POLICY
    : contentSecurityPolicy({
        nonce: createNonce(),
        realtime: realtimeConfig(),
        https,
        development: process.env.NODE_ENV === "development",
      });

  if (isMalformedPath(pathname)) {
    return answer(refusal("invalid_path"), policy, https, !api);
  }
  if (api) return NextResponse.next(); // Only paths with a percent sign come here.
  if (isRebound(request.headers.get("host"), env())) {
    return answer(refusal("untrusted_host"), policy, https, true);
  }

  if (request.method === "POST") {
    const refused = await refuseAction(request);
    if (refused) return answer(refused, policy, https, false);
  }

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
    // Pages, prefetches included. Static files are not documents.
    "/((?!api/|_next/static/|_next/image|favicon.ico).*)",
    // API routes, the hot path, only when a percent sign may hide a malformed escape; next.config.ts
    // gives the others their policy.
    "/api/:path(.*%.*)",
  ],
};
