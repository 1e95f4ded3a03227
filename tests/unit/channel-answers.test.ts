import { afterEach, describe, expect, it, vi } from "vitest";
import { channelName } from "@/lib/channels/names";
import { anyone, channelKind, coreChannelKinds, createPolicy } from "@/lib/channels/policy";
import { metrics } from "@/lib/observability/metrics";
import { complete } from "./env-issues";
import { ROLES } from "./policy-table";

// realtime_channel_auth_answers_total: one count per channel judged, whichever endpoint asked, so
// that a batch of refusals (a request that answers 200) still shows as refusals.

const notes = channelKind(channelName("private-encrypted-notes-{id}"), { subscribe: anyone });
const policy = createPolicy([...coreChannelKinds, notes]);
const user = { ...ROLES.owner, username: "owner" };

async function answers() {
  const { values } = await metrics().channelAnswers.get();
  const of = (outcome: string) =>
    values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
  return { ok: of("ok"), refused: of("refused"), error: of("error") };
}

/** A fresh copy of the module, with the env it is first read with. */
async function authorizeWith(source: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(source)) vi.stubEnv(name, value);
  return (await import("@/lib/realtime/server/channel-authorization")).authorizeChannelFor;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("channel auth's answers, per channel", () => {
  it("counts each channel judged: signed ok, forbidden refused", async () => {
    const authorize = await authorizeWith(complete);
    const before = await answers();
    const own = await authorize(policy, user, "1.2", `private-user-${user.id}`);
    expect(own.ok).toBe(true);
    for (const channel of ["private-user-u2", "presence-room-x", "private-nothing"]) {
      expect((await authorize(policy, user, "1.2", channel)).ok).toBe(false);
    }
    expect(await answers()).toEqual({
      ok: before.ok + 1,
      refused: before.refused + 3,
      error: before.error,
    });
  });

  it("counts an encrypted channel that the server cannot sign as an error, not a refusal", async () => {
    const authorize = await authorizeWith({ ...complete, PUSHER_ENCRYPTION_MASTER_KEY: "" });
    const before = await answers();
    const grant = await authorize(policy, user, "1.2", "private-encrypted-notes-1");
    expect(grant.ok ? "signed" : grant.refusal.code).toBe("encryption_not_configured");
    expect(await answers()).toEqual({ ...before, error: before.error + 1 });
  });
});
