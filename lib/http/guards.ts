import type { z } from "zod";
import { apiError } from "@/lib/http/errors";
import { isRebound, reboundResponse } from "@/lib/http/rebinding";

/**
 * Refuses a browser request sent by another site. Auth.js protects only its own routes, and
 * pusher-js's form POST is a CORS "simple" request that any page could send with the user's cookies.
 * Clients that are not browsers send neither header and are not a CSRF risk.
 */
export function refuseCrossSite(request: Request, settings: AppSettings = {}): Response | null {
  if (isRebound(request.headers.get("host"), settings)) return reboundResponse();
  const appUrl = settings.AUTH_URL;
  if (request.headers.get("sec-fetch-site") === "cross-site") {
    return apiError("cross_site_request", "sites");
  }
  const origin = request.headers.get("origin");
  if (origin && origin !== appOrigin(request, appUrl)) {
    return apiError("cross_site_request", "origins");
  }
  return null;
}

/** Where the app says it is served (AUTH_URL) and what it listens on (HOSTNAME). */
export type AppSettings = { AUTH_URL?: string; HOSTNAME?: string };

function appOrigin(request: Request, appUrl?: string): string {
  if (appUrl) return new URL(appUrl).origin;
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const protocol = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${protocol}://${host}`;
}

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

function contentType(request: Request): string | undefined {
  return request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
}

/** Reads a small urlencoded form body, or answers why not. */
export async function readForm(
  request: Request,
  maxBytes = 8_192,
): Promise<URLSearchParams | Response> {
  if (contentType(request) !== FORM) {
    return apiError("unsupported_content_type", FORM);
  }
  const body = await readText(request, maxBytes);
  if (body === null) return apiError("body_too_large", maxBytes);
  return new URLSearchParams(body);
}

/** The body as text, or null past `maxBytes`; stops reading there instead of buffering it all. */
export async function readText(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a small JSON body, or answers why not. */
export async function readJson(request: Request, maxBytes = 4_096): Promise<unknown | Response> {
  if (contentType(request) !== JSON_TYPE) {
    return apiError("unsupported_content_type", JSON_TYPE);
  }
  const body = await readText(request, maxBytes);
  if (body === null) return apiError("body_too_large", maxBytes);
  try {
    return JSON.parse(body);
  } catch {
    return apiError("invalid_json");
  }
}

/**
 * How pusher-js's auth endpoints open: refuse cross-site requests, read the small form, refuse
 * a field sent twice, and validate it with `schema`. Returns the fields, or the refusal to send.
 */
export async function readAuthForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  settings: AppSettings = {},
): Promise<z.infer<S> | Response> {
  const crossSite = refuseCrossSite(request, settings);
  if (crossSite) return crossSite;
  const form = await readForm(request);
  if (form instanceof Response) return form;
  // Object.fromEntries keeps the last of repeated fields, while a proxy or a log may read the
  // first: a request that means two things is refused.
  const repeated = repeatedField(form);
  if (repeated !== undefined) {
    return apiError("invalid_request", `${repeated} was sent more than once.`);
  }
  const input = schema.safeParse(Object.fromEntries(form));
  if (!input.success) {
    return apiError("invalid_request", describeIssues(input.error));
  }
  return input.data;
}

/** The first field a form sends more than once, if any. */
export function repeatedField(form: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const name of form.keys()) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/** One line per problem, for a 400 body. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join("; ");
}
