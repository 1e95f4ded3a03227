import "server-only";
import type { RealtimeResult } from "@/lib/credentials/realtime-result";
import { serviceSwitchRefusal } from "@/lib/credentials/service/guard";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { admit, refuse, sessionEnded } from "@/lib/identity/gate";
import { touchSession } from "@/lib/sessions/last-active";
import { endReusedSession } from "@/lib/sessions/lifecycle";
import {
  type RealtimeSession,
  rotateSession,
  sessionState,
  spendGrace,
} from "@/lib/sessions/realtime";
import { readSessionToken, sessionToken } from "@/lib/sessions/session-tokens";
import {
  cachedSession,
  cachedUser,
  freshSession,
  rememberSession,
} from "@/lib/sessions/user-cache";
import type { SessionEndReason } from "@/lib/vocabulary/end-reason";

// A realtime session's token as its client presents it: checked, rotated on sign-in and on
// rotate, accepted once more within its grace, and its reuse ends the session.

/** How a request uses a realtime session token: signing a socket in rotates it; channel auth does not. */
export type SessionUse = "sign-in" | "rotate" | "channel";

function refuseSession(reason: SessionEndReason | undefined): RealtimeResult {
  return refuse(sessionEnded(reason));
}

/** What a live session's caller gets: the user, and the token to present next when it rotated. */
async function admitSession(session: RealtimeSession, next?: number): Promise<RealtimeResult> {
  const admitted = admit(await cachedUser(session.userId), session.id);
  if (!admitted.ok) return admitted;
  touchSession("realtime", session.id);
  if (next === undefined) return admitted;
  const token = sessionToken(env().PUSHER_SECRET, session.id, next);
  return { ...admitted, issued: { token, expiresAt: session.expiresAt } };
}

/**
 * A session token, checked and (for "sign-in" and "rotate") rotated: the answer carries the next
 * token, and the one presented is retired. A retired token that comes back is reuse, which ends
 * the session, except the one just retired, once, within REALTIME_TOKEN_GRACE_SECONDS: its
 * answer may have been lost, so the current token is sent again.
 */
export async function presentSession(
  token: string,
  use: SessionUse,
  retried = false,
): Promise<RealtimeResult> {
  const { PUSHER_SECRET, REALTIME_SESSION_IDLE_SECONDS, REALTIME_TOKEN_GRACE_SECONDS } = env();
  const claim = readSessionToken(PUSHER_SECRET, token);
  // Not minted here: it names no session, so it can end none.
  if (!claim) return refuseSession(undefined);
  const limits = { idleSeconds: REALTIME_SESSION_IDLE_SECONDS };

  // The hot path of a sign-in, the current token of a live session: rotated in one statement.
  if (use !== "channel" && !retried) {
    const rotated = await rotateSession(db(), claim.id, claim.generation, limits);
    if (rotated) return admitRotated(rotated);
  }

  // The hot path, channel auth with the current token, is answered from the cache, read within
  // the grace: had another instance rotated it since, this token would still be accepted.
  const remembered =
    use === "channel"
      ? await cachedSession(claim.id, REALTIME_TOKEN_GRACE_SECONDS * 1000)
      : undefined;
  const current =
    remembered?.generation === claim.generation ? remembered : await freshSession(claim.id);
  if (!current) return refuseSession(undefined);

  const switchedOff = await serviceRefusal(current);
  if (switchedOff) return switchedOff;
  const state = sessionState(current, limits);
  if (!state.live) return refuseSession(state.reason);

  if (claim.generation > current.generation) return refuseSession(undefined);
  if (claim.generation < current.generation) {
    const previous = claim.generation === current.generation - 1;
    const inGrace = Date.now() - current.rotatedAt.getTime() <= REALTIME_TOKEN_GRACE_SECONDS * 1000;
    if (previous && inGrace) {
      if (use === "channel") return admitSession(current);
      if (await spendGrace(db(), current.id, current.generation)) {
        rememberSession(current.id, { ...current, graceUsed: true });
        return admitSession(current, current.generation);
      }
    }
    await endReusedSession(
      current.userId,
      current.id,
      `generation ${claim.generation} presented after ${current.generation}`,
    );
    return refuseSession("session_reused");
  }
  if (use === "channel") return admitSession(current);
  // Live and current, yet the rotation above missed it: a request raced it, or a deadline fell
  // in between. Once more, from the top: it is now the previous token, or the session ended.
  if (retried) return refuseSession(undefined);
  return presentSession(token, use, true);
}

/** A session just rotated: what the update could not check, then the caller with its next token. */
async function admitRotated(rotated: RealtimeSession): Promise<RealtimeResult> {
  rememberSession(rotated.id, rotated);
  const switchedOff = await serviceRefusal(rotated);
  if (switchedOff) return switchedOff;
  // Not logged: a rotation is routine, and its anomalies (reuse, expiry) are logged as such.
  return admitSession(rotated, rotated.generation);
}

/** A service session's refusal by the switch, which tells its user more than "ended". */
function serviceRefusal(session: RealtimeSession): Promise<RealtimeResult | undefined> {
  if (session.flow !== "service") return Promise.resolve(undefined);
  return serviceSwitchRefusal(session.createdAt, () => refuseSession(undefined));
}
