import type { z } from "zod";
import { env } from "@/lib/env";
import { type AnyRefusal, apiError, errorResponse } from "@/lib/http/errors";
import {
  type AppSettings,
  describeIssues,
  readAuthForm,
  readJson,
  refuseCrossSite,
} from "@/lib/http/guards";
import { withUnavailable } from "@/lib/http/unavailable";
import type { AuthEndpoint } from "@/lib/observability/metrics";
import { type Observation, observeAuthRequest } from "@/lib/observability/tracing";

// One way for every route handler to open: the cross-site rule, the caller, the input, then the
// handler's own few lines (the policy, then the act). An unreachable database or realtime server
// answers 503 (withUnavailable); every refusal is the error catalog's JSON.

/** What a gate answers: the caller, or the refusal to send. */
type Outcome = { ok: true } | { ok: false; refusal: AnyRefusal };
type Admitted<O> = Extract<O, { ok: true }>;

/** The body a handler takes: a small urlencoded form (pusher-js's endpoints) or JSON (4 KB unless said). */
type Body<T> = { form: z.ZodType<T> } | { json: z.ZodType<T>; maxBytes?: number };

/**
 * Who may call. `cookie`: the session cookie's gate, asked before the body is read. `anyone`: no
 * credential, while the check given says yes (the service flow's switch), asked before the body.
 * `credential`: a realtime credential carried in the body (a ticket or a session token), asked
 * after it is read.
 */
type CallerRule<T, O extends Outcome> =
  | { cookie: () => Promise<O> }
  | { anyone: () => Promise<O> }
  | { credential: (input: T, request: Request) => Promise<O> };

export type RouteSpec<T, O extends Outcome, P> = {
  /** Browser requests from other sites are refused, unless the route is server-to-server. */
  crossSite?: "refuse" | "allow";
  caller?: CallerRule<T, O>;
  body?: Body<T>;
  /** The dynamic segments of the path, e.g. `{ id }` of /api/account/devices/[id]. */
  params?: z.ZodType<P>;
  /**
   * An auth endpoint's name in the metrics and traces (lib/observability): each of its requests is
   * counted by outcome, timed, and traced. `endpointOf` renames it once the input is read.
   */
  endpoint?: AuthEndpoint;
  endpointOf?: (input: T) => AuthEndpoint;
};

export type RouteContext<T, O, P> = {
  request: Request;
  input: T;
  caller: Admitted<O>;
  params: P;
};

/** Next.js's second argument of a route handler. */
type NextContext = { params: Promise<unknown> };

async function readBody<T>(request: Request, body: Body<T>, settings: AppSettings) {
  if ("form" in body) return readAuthForm(request, body.form, settings);
  const json = await readJson(request, body.maxBytes);
  if (json instanceof Response) return json;
  const parsed = body.json.safeParse(json);
  return parsed.success ? parsed.data : apiError("invalid_request", describeIssues(parsed.error));
}

export function route<T = undefined, O extends Outcome = { ok: true }, P = undefined>(
  spec: RouteSpec<T, O, P>,
  handler: (context: RouteContext<T, O, P>) => Promise<Response>,
) {
  const serve = async (
    request: Request,
    next?: NextContext,
    observation?: Observation,
  ): Promise<Response> => {
    const settings = spec.crossSite === "allow" ? undefined : env();
    // readAuthForm checks the cross-site rule itself, before it reads the form.
    if (settings && !(spec.body && "form" in spec.body)) {
      const crossSite = refuseCrossSite(request, settings);
      if (crossSite) return crossSite;
    }
    let outcome: O | undefined;
    if (spec.caller && !("credential" in spec.caller)) {
      outcome = await ("cookie" in spec.caller ? spec.caller.cookie() : spec.caller.anyone());
      if (!outcome.ok) return errorResponse(outcome.refusal);
    }
    let params = undefined as P;
    if (spec.params) {
      const parsed = spec.params.safeParse(await next?.params);
      if (!parsed.success) return apiError("invalid_request", describeIssues(parsed.error));
      params = parsed.data;
    }
    let input = undefined as T;
    if (spec.body) {
      const read = await readBody(request, spec.body, settings ?? {});
      if (read instanceof Response) return read;
      input = read;
      if (observation && spec.endpointOf) observation.endpoint = spec.endpointOf(input);
    }
    if (spec.caller && "credential" in spec.caller) {
      outcome = await spec.caller.credential(input, request);
      if (!outcome.ok) return errorResponse(outcome.refusal);
    }
    const caller = (outcome ?? { ok: true }) as Admitted<O>;
    return handler({ request, input, caller, params });
  };
  const answer = withUnavailable(serve);
  const { endpoint } = spec;
  // Observed outside withUnavailable, so that its 503 counts as an error.
  return (request: Request, next?: NextContext): Promise<Response> =>
    endpoint
      ? observeAuthRequest(endpoint, (observation) => answer(request, next, observation))
      : answer(request, next);
}
