import { RealtimeError, SessionEndedError } from "@/lib/realtime/client/errors";
import {
  END_MESSAGES,
  type EndReason,
  isFinal,
  OPENED_BEFORE_END,
  parseSessionEnded,
  sessionEndCode,
} from "@/lib/realtime/session-ended";

// What a server's close means for this client: pure functions of the code, the message and the
// notice (SESSION_ENDED_EVENT) that came before, so that they are tested without a socket.

/** The close codes of a refusal, after which pusher-js does not reconnect by itself. */
const REFUSED = { min: 4001, max: 4099 };

/** Why the next refusal closes this socket: this tab's session ended, or another of the user's. */
export type Why = EndReason | "another session";

/** Who a SESSION_ENDED_EVENT notice is about, or undefined when it is not one. */
export function whyEnding(notice: unknown, sessionId: string | undefined): Why | undefined {
  const parsed = parseSessionEnded(notice);
  if (!parsed) return undefined;
  const mine = parsed.sessions === null || parsed.sessions.includes(sessionId ?? "");
  return mine ? parsed.reason : "another session";
}

export type EndState = {
  /** Set by a notice. A terminate arrives twice (pusher:error, then the close): `acted` keeps the first verdict. */
  ending?: { why: Why; acted: boolean };
  /** Whether the sign-in under way already retried after OPENED_BEFORE_END. */
  retried: boolean;
};

export type Verdict =
  | { act: "ignore" }
  /** Another session of the user ended, which closed this socket too. */
  | { act: "sign-in-again" }
  /** The same sign-in, once, on a new socket. */
  | { act: "retry" }
  | { act: "fail"; error: RealtimeError };

/** What a pusher:error (or a close) with `code` and `message` means, and the state after it. */
export function verdictOn(state: EndState, code: number, message?: string): [Verdict, EndState] {
  const refused = code >= REFUSED.min && code <= REFUSED.max;
  const { ending } = state;
  if (refused && ending) {
    if (ending.acted) return [{ act: "ignore" }, state];
    const acted = { ...state, ending: { ...ending, acted: true } };
    const { why } = ending;
    if (why === "another session") return [{ act: "sign-in-again" }, acted];
    // The credential is kept: signing in again with it makes the server say why, once more.
    const error = isFinal(why)
      ? new SessionEndedError(sessionEndCode(why), why, END_MESSAGES[why], code)
      : new RealtimeError("ended", why, END_MESSAGES[why], code);
    return [{ act: "fail", error }, acted];
  }
  // Opened before an end that this very sign-in caused (it displaced a session past the limit):
  // once, a new socket signs in with the credential that the answer brought.
  if (refused && message === OPENED_BEFORE_END && !state.retried) {
    return [{ act: "retry" }, { ...state, retried: true }];
  }
  const text = message ?? "The realtime server closed the connection.";
  const error = refused
    ? new RealtimeError("refused", "connection_refused", text, code)
    : new RealtimeError("pusher", "pusher_error", text, code);
  return [{ act: "fail", error }, state];
}

/** The state of verdictOn for one client. */
export function createEnds() {
  let state: EndState = { retried: false };
  return {
    noticed(notice: unknown, sessionId: string | undefined) {
      const why = whyEnding(notice, sessionId);
      if (why) state = { ...state, ending: { why, acted: false } };
    },
    /** A sign-in begins: nothing is ending. A new one (not a retry) may retry again. */
    signingIn(fresh: boolean) {
      state = { ending: undefined, retried: fresh ? false : state.retried };
    },
    closed(code: number, message?: string): Verdict {
      const [verdict, next] = verdictOn(state, code, message);
      state = next;
      return verdict;
    },
  };
}

export type Ends = ReturnType<typeof createEnds>;
