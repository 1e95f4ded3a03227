import { describe, expect, it } from "vitest";
import {
  createEnds,
  type EndState,
  verdictOn,
  type Why,
  whyEnding,
} from "@/lib/realtime/client/ends";
import { RealtimeError, SessionEndedError } from "@/lib/realtime/client/errors";
import { END_MESSAGES, OPENED_BEFORE_END } from "@/lib/realtime/session-ended";

// What a realtime server's error or close means for the client, without a socket.

const nothing: EndState = { retried: false };
/** The state after a notice that `why`, before the refusal that follows it. */
const ending = (why: Why): EndState => ({ retried: false, ending: { why, acted: false } });

describe("whyEnding", () => {
  it("reads a notice about this tab's session, every session, or another one", () => {
    expect(whyEnding({ reason: "signed_out", sessions: ["s1"] }, "s1")).toBe("signed_out");
    expect(whyEnding({ reason: "user_banned", sessions: null }, "s1")).toBe("user_banned");
    expect(whyEnding({ reason: "signed_out", sessions: ["s2"] }, "s1")).toBe("another session");
    expect(whyEnding({ reason: "signed_out", sessions: ["s2"] }, undefined)).toBe(
      "another session",
    );
  });

  it("ignores what is not a notice", () => {
    expect(whyEnding({ reason: "bogus" }, "s1")).toBeUndefined();
    expect(whyEnding("signed_out", "s1")).toBeUndefined();
    expect(whyEnding(null, "s1")).toBeUndefined();
  });
});

describe("verdictOn", () => {
  it("turns a final end of this session into a SessionEndedError, once", () => {
    const [verdict, after] = verdictOn(ending("signed_out"), 4009, "terminated");
    expect(verdict.act).toBe("fail");
    const error = verdict.act === "fail" ? verdict.error : undefined;
    expect(error).toBeInstanceOf(SessionEndedError);
    expect(error).toMatchObject({
      kind: "ended",
      code: "session_revoked",
      reason: "signed_out",
      message: END_MESSAGES.signed_out,
      status: 4009,
    });
    // The close that follows the pusher:error is the same terminate.
    expect(verdictOn(after, 4009, "terminated")[0]).toEqual({ act: "ignore" });
  });

  it("turns an end that is not final into a RealtimeError of kind ended", () => {
    const [verdict] = verdictOn(ending("disconnected"), 4009);
    expect(verdict.act === "fail" && verdict.error).not.toBeInstanceOf(SessionEndedError);
    expect(verdict.act === "fail" && verdict.error).toMatchObject({
      kind: "ended",
      code: "disconnected",
    });
  });

  it("signs in again when another of the user's sessions ended", () => {
    const [verdict, after] = verdictOn(ending("another session"), 4009);
    expect(verdict).toEqual({ act: "sign-in-again" });
    expect(verdictOn(after, 4009)[0]).toEqual({ act: "ignore" });
  });

  it("retries once on a new socket a sign-in refused as opened before an end", () => {
    const [first, after] = verdictOn(nothing, 4009, OPENED_BEFORE_END);
    expect(first).toEqual({ act: "retry" });
    const [second] = verdictOn(after, 4009, OPENED_BEFORE_END);
    expect(second.act === "fail" && second.error).toMatchObject({
      kind: "refused",
      code: "connection_refused",
      message: OPENED_BEFORE_END,
    });
  });

  it("tells a refusal (4001–4099) from another server error", () => {
    const [refused] = verdictOn(nothing, 4001, "Invalid signature");
    expect(refused).toEqual({
      act: "fail",
      error: new RealtimeError("refused", "connection_refused", "Invalid signature", 4001),
    });
    const [other] = verdictOn(nothing, 4200);
    expect(other.act === "fail" && other.error).toMatchObject({
      kind: "pusher",
      code: "pusher_error",
      message: "The realtime server closed the connection.",
      status: 4200,
    });
    // A notice does not make a server error that is no refusal an end.
    expect(verdictOn(ending("signed_out"), 4100)[0]).toMatchObject({ act: "fail" });
    expect(verdictOn(ending("signed_out"), 4100)[0]).not.toMatchObject({
      error: { kind: "ended" },
    });
  });
});

describe("createEnds", () => {
  it("keeps the notice for the next refusal, and forgets it when a sign-in begins", () => {
    const ends = createEnds();
    ends.noticed({ reason: "session_expired", sessions: ["s1"] }, "s1");
    ends.signingIn(true);
    expect(ends.closed(4009, "terminated")).toMatchObject({ error: { kind: "refused" } });

    ends.noticed({ reason: "session_expired", sessions: ["s1"] }, "s1");
    expect(ends.closed(4009)).toMatchObject({ error: { code: "session_expired" } });
    expect(ends.closed(4009)).toEqual({ act: "ignore" });
  });

  it("allows one retry per sign-in, not per socket", () => {
    const ends = createEnds();
    expect(ends.closed(4009, OPENED_BEFORE_END)).toEqual({ act: "retry" });
    ends.signingIn(false); // the retry's new socket
    expect(ends.closed(4009, OPENED_BEFORE_END).act).toBe("fail");
    ends.signingIn(true); // a new sign-in
    expect(ends.closed(4009, OPENED_BEFORE_END)).toEqual({ act: "retry" });
  });
});
