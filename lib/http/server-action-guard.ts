import { readFileSync } from "node:fs";
import path from "node:path";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/http/action-body-limit";
import { type Refusal, refusal } from "@/lib/http/errors";

// What proxy.ts refuses of a POST to a page (a server action, or what claims to be one) before
// Next.js gets it: Next.js answers each of these with a 500 (see the report in proxy.ts).

export type ActionRefusal = Refusal<
  "forbidden_origin" | "body_too_large" | "unknown_action" | "invalid_request"
>;

/**
 * Next.js's own CSRF rule (app-render/action-handler.js): an Origin, when sent, must name the
 * host the request was sent to (X-Forwarded-Host, else Host). `null` names no host.
 */
export function refuseOrigin(headers: Headers): ActionRefusal | null {
  const origin = headers.get("origin");
  if (origin === null) return null; // Not a browser's request: it carries no one else's cookies.
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin === "null" ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (originHost !== null && originHost === host) return null;
  return refusal("forbidden_origin");
}

/**
 * The body, read up to the limit; a refusal when it is longer, whether its Content-Length says so
 * or it is streamed without one.
 */
export async function readBoundedBody(
  request: Request,
  limit = SERVER_ACTION_BODY_LIMIT_BYTES,
): Promise<Uint8Array<ArrayBuffer> | ActionRefusal> {
  const tooLarge: ActionRefusal = refusal("body_too_large", limit);
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) return tooLarge;
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return tooLarge;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

type Manifest = { node?: Record<string, unknown>; edge?: Record<string, unknown> };

const globalForActions = globalThis as unknown as { serverActionIds?: Set<string> | null };

/**
 * The build's action ids, read once (Next.js's server-reference-manifest.json); null where the
 * file cannot be read, and then every id is left to Next.js.
 */
function knownActionIds(): Set<string> | null {
  if (globalForActions.serverActionIds !== undefined) return globalForActions.serverActionIds;
  try {
    const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
    const manifest: Manifest = JSON.parse(readFileSync(file, "utf8"));
    globalForActions.serverActionIds = new Set([
      ...Object.keys(manifest.node ?? {}),
      ...Object.keys(manifest.edge ?? {}),
    ]);
  } catch (error) {
    console.warn("Server actions: no manifest to check action ids against:", error);
    globalForActions.serverActionIds = null;
  }
  return globalForActions.serverActionIds;
}

/**
 * An action id that this build does not have gets 404, with the header that Next.js's client
 * router reads as "this action is gone" (after a deployment it reloads the page).
 */
export function refuseActionId(id: string): ActionRefusal | null {
  const known = knownActionIds();
  if (known === null || known.has(id)) return null;
  return refusal("unknown_action");
}

/**
 * A "$" string in React's reply encoding that stands alone: an escaped "$", a number or value JSON
 * has no word for, a date or a bigint. Every other "$" string refers to another part of a
 * multipart body, which a text body has none of: decoding it fails in Next.js, with a 500.
 */
const SELF_CONTAINED = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;

function selfContained(value: unknown): boolean {
  if (typeof value === "string") return !value.startsWith("$") || SELF_CONTAINED.test(value);
  if (Array.isArray(value)) return value.every(selfContained);
  if (value !== null && typeof value === "object") return Object.values(value).every(selfContained);
  return true;
}

function isArgumentList(text: string | null, standalone: boolean): boolean {
  if (text === null) return false;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && (!standalone || selfContained(parsed));
  } catch {
    return false;
  }
}

/**
 * The arguments of a fetch action are React's reply encoding: a JSON array, sent as text or as the
 * form field "0" of a multipart body. Anything else fails to decode in Next.js, with a 500.
 */
export async function refuseArguments(
  body: Uint8Array<ArrayBuffer>,
  contentType: string,
): Promise<ActionRefusal | null> {
  const malformed: ActionRefusal = refusal(
    "invalid_request",
    "The action's arguments are malformed.",
  );
  if (contentType.startsWith("multipart/form-data")) {
    try {
      const form = await new Response(body, {
        headers: { "content-type": contentType },
      }).formData();
      const root = form.get("0");
      return typeof root === "string" && isArgumentList(root, false) ? null : malformed;
    } catch {
      return malformed;
    }
  }
  return isArgumentList(new TextDecoder().decode(body), true) ? null : malformed;
}
