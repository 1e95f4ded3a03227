import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { User, WebSession } from "@/lib/db/schema";
import { errorResponse, type Refusal, refusal } from "@/lib/http/errors";
import { sessionClaims } from "@/lib/identity/session-cookie";
import { END_MESSAGES } from "@/lib/realtime/session-ended";
import { touchSession } from "@/lib/sessions/last-active";
import { webLiveness } from "@/lib/sessions/liveness";
import { cachedUser, cachedWebSession } from "@/lib/sessions/user-cache";
import { NAMED_ENDS, type SessionEndReason } from "@/lib/vocabulary/end-reason";

// The one answer to "who is the current user, and may they still act?". Pages, layouts, server
// actions and route handlers all ask here; the realtime endpoints ask through realtimeCaller()
// in lib/credentials/realtime-caller.ts, which ends in the same admit().

/** Why the gate said no. `reason` tells how an ended session ended. */
export type GateRefusal = Refusal<"no_session" | "session_ended" | "user_banned">;

/** Who is asking, and which session (web or realtime) vouches for them. */
export type Caller = { user: User; sessionId: string };

export type GateResult = ({ ok: true } & Caller) | { ok: false; refusal: GateRefusal };

export const NO_SESSION = refusal("no_session");
export const BANNED = refusal("user_banned");

type NamedEnd = (typeof NAMED_ENDS)[number];

function isNamedEnd(reason: SessionEndReason | null | undefined): reason is NamedEnd {
  return NAMED_ENDS.some((end) => end === reason);
}

/** A 401 for an ended session: its end named when the sign-in page has words for it. */
export function sessionEnded(reason: SessionEndReason | null | undefined): GateRefusal {
  const known = isNamedEnd(reason);
  return {
    ...refusal("session_ended"),
    reason: known ? reason : "session_ended",
    ...(known ? { message: END_MESSAGES[reason] } : {}),
  };
}

export function refuse(refused: GateRefusal): GateResult {
  return { ok: false, refusal: refused };
}

/** The rule every credential ends in: the user exists and is not banned. Bans apply at once. */
export function admit(user: User | undefined, sessionId: string): GateResult {
  if (!user) return refuse(NO_SESSION);
  if (user.bannedAt) return refuse(BANNED);
  return { ok: true, user, sessionId };
}

function admitWeb(user: User | undefined, session: WebSession | undefined): GateResult {
  if (user?.bannedAt) return refuse(BANNED);
  if (!session || session.userId !== user?.id) return refuse(sessionEnded(undefined));
  const liveness = webLiveness(session);
  if (!liveness.live) return refuse(sessionEnded(liveness.reason));
  const admitted = admit(user, session.id);
  if (admitted.ok) touchSession("web", session.id, session.lastActiveAt);
  return admitted;
}

/**
 * The user behind the request's session cookie, or why not. Once per request (React cache), and
 * without a database round trip on the hot path (the revocation-aware cache).
 */
export const currentUser = cache(async (): Promise<GateResult> => {
  const claims = await sessionClaims();
  if (!claims) return refuse(NO_SESSION);
  // A cookie from before session records has no id: it cannot be ended, so it is not accepted.
  if (!claims.sessionId) return refuse(sessionEnded(undefined));
  const [user, session] = await Promise.all([
    cachedUser(claims.userId),
    cachedWebSession(claims.sessionId),
  ]);
  return admitWeb(user, session);
});

/** For pages: the caller, or one redirect to sign in (back to `returnTo`), or the 403 page. */
export async function requireUser(returnTo: string): Promise<Caller> {
  const result = await currentUser();
  if (result.ok) return result;
  // app/forbidden.tsx asks the gate again and says that the account is suspended.
  if (result.refusal.code === "user_banned") forbidden();
  // Slashes may stand in a query: "/sign-in?callbackUrl=/app" reads better than %2F.
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo).replaceAll("%2F", "/")}`);
}

/** For admin pages and actions: requireUser, then the role, read fresh (a JWT's could be stale). */
export async function requireAdmin(returnTo: string): Promise<Caller> {
  const caller = await requireUser(returnTo);
  if (caller.user.role !== "admin") forbidden();
  return caller;
}

/** A refusal as a route handler's JSON answer: `{ error, message }`, plus `reason` when ended. */
export function refusalResponse(refused: Refusal): Response {
  return errorResponse(refused);
}
