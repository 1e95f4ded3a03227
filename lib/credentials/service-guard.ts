import "server-only";
import type { z } from "zod";
import { SERVICE_AUTH_DISABLED } from "@/lib/credentials/caller";
import { serviceAuthEnabled } from "@/lib/credentials/service-switch";
import { env } from "@/lib/env";
import { describeIssues, readJson, refuseCrossSite } from "@/lib/http/guards";
import { jsonError } from "@/lib/http/responses";

/**
 * What both service endpoints check before anything else: a same-site (or non-browser) request,
 * the operator's switch, and a small JSON body that `schema` accepts.
 */
export async function readServiceRequest<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.infer<S> | Response> {
  const crossSite = refuseCrossSite(request, env());
  if (crossSite) return crossSite;
  if (!(await serviceAuthEnabled())) {
    return jsonError(
      SERVICE_AUTH_DISABLED.status,
      SERVICE_AUTH_DISABLED.code,
      SERVICE_AUTH_DISABLED.message,
    );
  }
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const input = schema.safeParse(body);
  if (!input.success) return jsonError(400, "invalid_request", describeIssues(input.error));
  return input.data;
}

export function throttled(retryAfterSeconds: number, message: string): Response {
  return jsonError(429, "throttled", message, { "Retry-After": String(retryAfterSeconds) });
}
