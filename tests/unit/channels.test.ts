import Pusher from "pusher";
import { describe, expect, it } from "vitest";
import { type ChannelContext, type ChannelUser, mayJoinChannel } from "@/lib/realtime/channels";
import { channelNameSchema, socketIdSchema } from "@/lib/realtime/protocol";

const alice: ChannelUser = { id: "a1", name: "Alice", username: "alice", role: "admin" };
const bob: ChannelUser = { id: "b2", name: "Bob", username: "bob", role: "user" };
const context: ChannelContext = {
  roomAudience: async (slug) => ({ lobby: "everyone", staff: "admins" })[slug] as never,
};

describe("channel rules", () => {
  it.each([
    ["private-user-b2", bob, true],
    ["private-user-a1", bob, false],
    ["private-user-b2-extra", bob, false],
    ["private-encrypted-inbox-b2", bob, true],
    ["private-encrypted-inbox-a1", bob, false],
    ["presence-room-lobby", bob, true],
    ["presence-room-lobby", alice, true],
    ["presence-room-staff", alice, true],
    ["presence-room-staff", bob, false],
    ["presence-room-nowhere", alice, false],
    ["private-anything", alice, false],
    ["public-channel", alice, false],
    ["presence-user-b2", bob, false],
  ] as const)("%s for %s: %s", async (channel, user, allowed) => {
    expect(await mayJoinChannel(user, channel, context)).toBe(allowed);
  });
});

describe("protocol limits", () => {
  it("accepts Pusher socket ids only", () => {
    expect(socketIdSchema.safeParse("1234.5678").success).toBe(true);
    for (const bad of [
      "",
      "1234",
      "a.b",
      "1234.5678.9",
      "1234.5678\n",
      `${"1".repeat(40)}.${"2".repeat(40)}`,
    ]) {
      expect(socketIdSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("accepts channel names within Pusher's characters and length", () => {
    expect(channelNameSchema.safeParse("private-user-a1=@,.;_").success).toBe(true);
    expect(channelNameSchema.safeParse(`private-${"x".repeat(156)}`).success).toBe(true);
    for (const bad of [
      "",
      "private user",
      "private-é",
      `private-${"x".repeat(157)}`,
      "#server-to-user-1",
    ]) {
      expect(channelNameSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe("Pusher's test vectors, through the pusher SDK this app signs with", () => {
  const pusher = new Pusher({
    appId: "1",
    key: "278d425bdf160c739803",
    secret: "7ad3773142a6692b25b8",
    cluster: "mt1",
  });

  it("signs a user", () => {
    const { auth, user_data } = pusher.authenticateUser("1234.1234", { id: "12345" });
    expect(user_data).toBe('{"id":"12345"}');
    expect(auth).toBe(
      "278d425bdf160c739803:4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba",
    );
  });

  it("signs a private channel", () => {
    expect(pusher.authorizeChannel("1234.1234", "private-foobar").auth).toBe(
      "278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4",
    );
  });

  it("adds a shared secret for an encrypted channel when a master key is set", () => {
    const withKey = new Pusher({
      appId: "1",
      key: "278d425bdf160c739803",
      secret: "7ad3773142a6692b25b8",
      cluster: "mt1",
      encryptionMasterKeyBase64: Buffer.alloc(32, 7).toString("base64"),
    });
    const answer = withKey.authorizeChannel("1234.1234", "private-encrypted-inbox-b2");
    expect(Buffer.from(answer.shared_secret ?? "", "base64")).toHaveLength(32);
  });
});
