import { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/errors";
import { readText, repeatedField } from "@/lib/http/guards";
import { isRebound, reboundResponse } from "@/lib/http/rebinding";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

// Auth.js answers a callbackUrl it cannot use (javascript:…, another host) with a 500, whether it
// comes in the query or in its callback-url cookie. Both are reduced to a same-origin path first,
// by the same rule as the sign-in page, so that nothing here gives a 500 either.

const CALLBACK_COOKIE = /^(__Secure-)?authjs\.callback-url$/;

/** Auth.js's forms are a few fields; it would read any body whole into memory. */
const MAX_BODY_BYTES = 8_192;

async function withSafeCallback(request: NextRequest): Promise<NextRequest | Response> {
  const url = new URL(request.url);
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl !== null) url.searchParams.set("callbackUrl", safeRedirectPath(callbackUrl));
  const headers = new Headers(request.headers);
  const cookies = request.cookies
    .getAll()
    .map(({ name, value }) =>
      CALLBACK_COOKIE.test(name) ? { name, value: safeRedirectPath(value) } : { name, value },
    );
  if (cookies.length > 0) {
    headers.set(
      "cookie",
      cookies.map(({ name, value }) => `${name}=${encodeURIComponent(value)}`).join("; "),
    );
  }
  const body = request.method === "GET" ? undefined : await readText(request, MAX_BODY_BYTES);
  if (body === null) return apiError("body_too_large", MAX_BODY_BYTES);
  // Auth.js keeps the last of a repeated field, while a proxy or a log may read the first.
  const repeated = body === undefined ? undefined : repeatedField(new URLSearchParams(body));
  if (repeated !== undefined) {
    return apiError("invalid_request", `${repeated} was sent more than once.`);
  }
  return new NextRequest(url, { method: request.method, headers, body });
}

export async function GET(request: NextRequest) {
  if (isRebound(request.headers.get("host"), env())) return reboundResponse();
  const safe = await withSafeCallback(request);
  if (safe instanceof Response) return safe;
  const response = await handlers.GET(safe);
  // Auth.js's error page answers ?error=Configuration with a 500, which anyone can ask for: it
  // is a page about an error, not one, so it is a 400.
  if (response.status === 500 && request.nextUrl.pathname.endsWith("/error")) {
    return new Response(response.body, { status: 400, headers: response.headers });
  }
  return response;
}

export async function POST(request: NextRequest) {
  if (isRebound(request.headers.get("host"), env())) return reboundResponse();
  const safe = await withSafeCallback(request);
  return safe instanceof Response ? safe : handlers.POST(safe);
}
