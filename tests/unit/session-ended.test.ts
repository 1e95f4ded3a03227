import { describe, expect, it } from "vitest";
import { parseErrorBody } from "@/lib/http/error-body";
import { SessionEndedError } from "@/lib/realtime/client/errors";
import { endsSession, isEndReason, parseSessionEnded } from "@/lib/realtime/session-ended";

describe("which errors end a tab's session for good", () => {
  it("a session's end is final, an administrator's disconnect and a rights change are not", () => {
    expect(endsSession({ kind: "ended", code: "signed_out" })).toBe(true);
    expect(endsSession({ kind: "ended", code: "user_banned" })).toBe(true);
    expect(endsSession({ kind: "ended", code: "disconnected" })).toBe(false);
    expect(endsSession({ kind: "ended", code: "rights_changed" })).toBe(false);
  });

  it("a SessionEndedError is final whatever its code", () => {
    for (const code of ["session_revoked", "session_expired", "session_reused"] as const) {
      const error = new SessionEndedError(code, "session_ended", "ended");
      expect(endsSession(error), code).toBe(true);
    }
  });

  it("the app server's refusals that no credential survives are final; others are not", () => {
    expect(endsSession({ kind: "http", code: "user_banned" })).toBe(true);
    expect(endsSession({ kind: "http", code: "session_ended" })).toBe(true);
    expect(endsSession({ kind: "http", code: "throttled" })).toBe(false);
    expect(endsSession({ kind: "timeout", code: "signed_out" })).toBe(false);
  });
});

describe("reasons from the wire are typed, not widened", () => {
  it("a notice names an end reason, or is ignored", () => {
    expect(parseSessionEnded({ reason: "session_limit", sessions: ["a", 3] })).toEqual({
      reason: "session_limit",
      sessions: ["a"],
    });
    expect(parseSessionEnded({ reason: "session_ended" })).toBeUndefined();
    expect(parseSessionEnded({ reason: "toString" })).toBeUndefined();
    expect(isEndReason("constructor")).toBe(false);
  });

  it("a refusal's body keeps a reason the catalog knows, and drops any other", () => {
    expect(
      parseErrorBody({ error: "session_ended", message: "m", reason: "session_reused" }),
    ).toEqual({ error: "session_ended", message: "m", reason: "session_reused" });
    expect(parseErrorBody({ error: "session_ended", message: "m", reason: "<b>" })).toEqual({
      error: "session_ended",
      message: "m",
    });
    expect(parseErrorBody({ error: 1, message: "m" })).toBeUndefined();
    expect(parseErrorBody("nope")).toBeUndefined();
  });
});
