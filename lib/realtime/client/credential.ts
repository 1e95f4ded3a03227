import type { SavedSession } from "@/lib/realtime/client/client-types";
import { SessionEndedError } from "@/lib/realtime/client/errors";

type Answer = Record<string, unknown>;

/** What a socket's sign-in presents: the ticket once, else the realtime session's token. */
export type SignInFields = { ticket?: string; session?: string };

export type CredentialHooks = {
  /** Trades the token for the next one (POST /api/realtime/sessions/rotate). */
  rotate(token: string | undefined): Promise<Answer>;
  /** Whether a socket is signed in with it: only then is it worth keeping alive. */
  inUse(): boolean;
  /** The token changed: getSession() readers (a page that saves it) look again. */
  changed(): void;
  /** A rotation learnt that the session is over. */
  ended(error: SessionEndedError): void;
};

/**
 * What the client signs in with: a ticket (exchanged once), then the realtime session's token,
 * which every answer may replace and which is rotated before the idle timeout.
 */
export function createCredential(hooks: CredentialHooks) {
  let ticket: string | undefined;
  let token: string | undefined;
  // Which session this client is signed in with (web or realtime), as user-auth reported it.
  let sessionId: string | undefined;
  // Which hold() an answer belongs to: one that arrives after a newer hold() is about a session
  // this client no longer holds, and must not replace the current token.
  let epoch = 0;
  // Every request that presents the token waits for the one before: a rotation answers the next
  // token, and presenting the old one after it would count as reuse.
  let uses: Promise<unknown> = Promise.resolve();
  let rotation: ReturnType<typeof setTimeout> | undefined;

  /** Runs `use` after every earlier use of the token, when this client holds one. */
  function present<T>(use: () => Promise<T>): Promise<T> {
    if (ticket === undefined && token === undefined) return use();
    const run = uses.then(use, use);
    uses = run.catch(() => {});
    return run;
  }

  /** Keeps the token that an answer carries, and rotates it again before the idle timeout. */
  function keep(answer: Answer) {
    if (typeof answer.session !== "string") return;
    token = answer.session;
    hooks.changed();
    const every = Number(answer.session_refresh_ms);
    if (Number.isFinite(every) && every > 0) schedule(every);
  }

  function schedule(ms: number) {
    clearTimeout(rotation);
    rotation = setTimeout(() => void rotate(ms), ms);
    // A Node process is not kept alive for it.
    if (typeof rotation === "object" && "unref" in rotation) rotation.unref();
  }

  /** While signed in, a connected client uses its session, so it never idles out. */
  async function rotate(every: number) {
    if (!hooks.inUse() || token === undefined) return;
    const started = epoch;
    try {
      const answer = await present(() => hooks.rotate(token));
      if (started === epoch) keep(answer);
    } catch (error) {
      if (started !== epoch) return;
      if (error instanceof SessionEndedError) return hooks.ended(error);
      // Unreachable for now: tried again well before the idle timeout.
      schedule(Math.max(1_000, Math.round(every / 3)));
    }
  }

  return {
    /** Holds a new credential (a ticket, a saved session, or neither: the cookie) or none. */
    hold(withTicket?: string, saved?: SavedSession) {
      clearTimeout(rotation);
      epoch += 1;
      ticket = withTicket;
      token = saved?.session;
      sessionId = undefined;
    },
    token: () => token,
    sessionId: () => sessionId,
    present,
    /** Signs a socket in with `post`; keeps the token and session id that its answer brings. */
    async signIn<A extends Answer>(post: (fields: SignInFields) => Promise<A>): Promise<A> {
      const started = epoch;
      const answer = await present(() => {
        const fields = { ticket, session: ticket ? undefined : token };
        ticket = undefined; // A ticket is exchanged once.
        return post(fields);
      });
      if (started === epoch) keep(answer);
      if (typeof answer.session_id === "string") sessionId = answer.session_id;
      return answer;
    },
  };
}

export type Credential = ReturnType<typeof createCredential>;
