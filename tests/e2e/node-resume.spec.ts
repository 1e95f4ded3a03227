import {
  type RealtimeClient,
  RealtimeError,
  SessionEndedError,
} from "../../lib/realtime/client/client";
import { DEMO_PASSWORD } from "./fixtures";
import { stackClient } from "./support/node-client";
import { expect, test } from "./test";

// From Node there is no sessionStorage: the caller keeps getSession() itself and resumes with
// start(session) in another process or client.

const nodeClient = () => stackClient({ timeoutMs: 5_000 });

test("getSession() after start(credentials) resumes in a new client with start(session)", async () => {
  const first = nodeClient();
  expect(first.getSession()).toBeNull();
  const user = await first.start({ username: "bob", password: DEMO_PASSWORD });
  const saved = first.getSession();
  expect(saved).toEqual({ session: expect.any(String) });
  if (!saved) throw new Error("no session to resume");
  first.stop();
  expect(first.getSession()).toBeNull();

  const second = nodeClient();
  try {
    const resumed = await second.start(saved);
    expect(resumed.id).toBe(user.id);
    // Signing in rotated the token: the caller stores the new one.
    expect(second.getSession()).toEqual({ session: expect.any(String) });
    expect(second.getSession()).not.toEqual(saved);
  } finally {
    second.stop();
  }

  const forged = nodeClient();
  try {
    const error = await forged.start({ session: "not-a-session" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RealtimeError);
    expect(forged.getSession()).toBeNull();
  } finally {
    forged.stop();
  }
});

/** The owner's session, and a thief who starts a copy of a token two rotations old. */
async function reuse(measure: (owner: RealtimeClient) => Promise<void>) {
  const owner = nodeClient();
  const thief = nodeClient();
  try {
    await owner.start({ username: "carol", password: DEMO_PASSWORD });
    const copied = owner.getSession();
    if (!copied) throw new Error("no session to copy");
    // Each sign-in rotates the token: two later, the copy is past its one grace answer.
    await owner.reconnect();
    await owner.reconnect();
    expect(owner.getSession()).not.toEqual(copied);

    const stolen = await thief.start(copied).catch((e: unknown) => e);
    expect(stolen).toBeInstanceOf(SessionEndedError);
    expect(stolen).toMatchObject({ kind: "ended", code: "session_reused", status: 401 });
    await measure(owner);
  } finally {
    owner.stop();
    thief.stop();
  }
}

test("a copy of a token rotated out, started elsewhere, ends the session for both with session_reused", async () => {
  await reuse(async (owner) => {
    // The owner's socket is closed by the server, which says why.
    await expect
      .poll(() => owner.getSnapshot().error)
      .toMatchObject({ code: "session_reused", reason: "session_reused" });
    await expect(owner.reconnect()).rejects.toMatchObject({ code: "session_reused" });
  });
});

test("a copy of a token rotated out, started elsewhere, closes the owner's socket within 2 s", {
  tag: "@latency",
}, async () => {
  await reuse(async (owner) => {
    await expect
      .poll(() => owner.getSnapshot().error, { timeout: 2_000 })
      .toMatchObject({ code: "session_reused" });
  });
});
