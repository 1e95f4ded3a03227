import { afterEach, describe, expect, it, vi } from "vitest";
import { createCredential, type SignInFields } from "@/lib/realtime/client/credential";
import { RealtimeError, SessionEndedError } from "@/lib/realtime/client/errors";

// The client's credential on its own: no pusher-js, no socket. Its hooks are the rest of the
// client (the rotation's HTTP call, the snapshot), recorded here.

type Answer = Record<string, unknown>;

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

function setup(rotate: (token: string | undefined) => Promise<Answer> = async () => ({})) {
  const seen = { rotated: [] as (string | undefined)[], changed: 0, ended: [] as Error[] };
  let signedIn = true;
  const credential = createCredential({
    rotate(token) {
      seen.rotated.push(token);
      return rotate(token);
    },
    inUse: () => signedIn,
    changed: () => void seen.changed++,
    ended: (error) => void seen.ended.push(error),
  });
  const signOut = () => {
    signedIn = false;
  };
  return { credential, seen, signOut };
}

/** A sign-in whose answer is `answer`, recording what it presented. */
function signIn(credential: ReturnType<typeof setup>["credential"], answer: Answer) {
  const presented: SignInFields[] = [];
  const done = credential.signIn(async (fields) => {
    presented.push(fields);
    return { auth: "a", ...answer };
  });
  return { presented, done };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the client's credential", () => {
  it("presents a ticket once, then the session token that its answer brought", async () => {
    const { credential, seen } = setup();
    credential.hold("ticket-1");
    const first = signIn(credential, { session: "token-1", session_id: "s1" });
    await first.done;
    expect(first.presented).toEqual([{ ticket: "ticket-1", session: undefined }]);
    expect(credential.token()).toBe("token-1");
    expect(credential.sessionId()).toBe("s1");
    expect(seen.changed).toBe(1);

    const second = signIn(credential, { session: "token-2" });
    await second.done;
    expect(second.presented).toEqual([{ ticket: undefined, session: "token-1" }]);
    expect(credential.token()).toBe("token-2");
  });

  it("presents a saved session's token, and nothing once it holds none", async () => {
    const { credential } = setup();
    credential.hold(undefined, { session: "saved" });
    const saved = signIn(credential, {});
    await saved.done;
    expect(saved.presented).toEqual([{ ticket: undefined, session: "saved" }]);

    credential.hold();
    const cookie = signIn(credential, {});
    await cookie.done;
    expect(cookie.presented).toEqual([{ ticket: undefined, session: undefined }]);
    expect(credential.token()).toBeUndefined();
  });

  it("presents the token once the request before it has answered, not beside it", async () => {
    const { credential } = setup();
    credential.hold(undefined, { session: "token-1" });
    const first = deferred<Answer>();
    const order: string[] = [];
    const one = credential.present(() => {
      order.push("first sent");
      return first.promise;
    });
    const two = credential.present(async () => {
      order.push(`second sent with ${credential.token()}`);
      return {};
    });
    await Promise.resolve();
    expect(order).toEqual(["first sent"]);
    first.reject(new RealtimeError("http", "http_error", "refused", 500));
    await expect(one).rejects.toThrow("refused");
    await two;
    expect(order).toEqual(["first sent", "second sent with token-1"]);
  });

  it("runs requests side by side when it holds neither ticket nor token (the cookie)", async () => {
    const { credential } = setup();
    const first = deferred<Answer>();
    let second = false;
    void credential.present(() => first.promise);
    await credential.present(async () => {
      second = true;
    });
    expect(second).toBe(true);
    first.resolve({});
  });

  it("drops an answer that arrives after a newer credential was held", async () => {
    const { credential } = setup();
    credential.hold("ticket-1");
    const answer = deferred<Answer & { auth: string }>();
    const late = credential.signIn(() => answer.promise);
    credential.hold(undefined, { session: "newer" });
    answer.resolve({ auth: "a", session: "stale" });
    await late;
    expect(credential.token()).toBe("newer");
  });

  it("rotates the token when its answer says, and keeps the next one", async () => {
    vi.useFakeTimers();
    const { credential, seen } = setup(async () => ({ session: "token-2" }));
    credential.hold("ticket");
    await signIn(credential, { session: "token-1", session_refresh_ms: 60_000 }).done;
    await vi.advanceTimersByTimeAsync(59_999);
    expect(seen.rotated).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen.rotated).toEqual(["token-1"]);
    expect(credential.token()).toBe("token-2");
  });

  it("does not rotate when no socket is signed in with it, or after stop", async () => {
    vi.useFakeTimers();
    const { credential, seen, signOut } = setup();
    credential.hold("ticket");
    await signIn(credential, { session: "token-1", session_refresh_ms: 1_000 }).done;
    signOut();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seen.rotated).toEqual([]);

    const again = setup();
    again.credential.hold("ticket");
    await signIn(again.credential, { session: "token-1", session_refresh_ms: 1_000 }).done;
    again.credential.hold();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(again.seen.rotated).toEqual([]);
  });

  it("reports a rotation that finds the session ended, and retries one that failed otherwise", async () => {
    vi.useFakeTimers();
    const ended = new SessionEndedError("session_revoked", "signed_out", "Signed out.", 401);
    const ends = setup(() => Promise.reject(ended));
    ends.credential.hold("ticket");
    await signIn(ends.credential, { session: "t", session_refresh_ms: 30_000 }).done;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(ends.seen.ended).toEqual([ended]);

    let calls = 0;
    const flaky = setup(async () => {
      calls++;
      if (calls === 1) throw new RealtimeError("http", "network_error", "unreachable");
      return { session: "after-retry" };
    });
    flaky.credential.hold("ticket");
    await signIn(flaky.credential, { session: "t", session_refresh_ms: 30_000 }).done;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toBe(1);
    // A third of the period later.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(2);
    expect(flaky.credential.token()).toBe("after-retry");
    expect(flaky.seen.ended).toEqual([]);
  });
});
