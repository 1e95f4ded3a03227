import { RealtimeError } from "../../lib/realtime/browser/client";
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
    expect(second.getSession()).toEqual(saved);
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
