import Pusher from "pusher";
import { describe, expect, it } from "vitest";
import { channelName, onlineChannel, userChannel } from "@/lib/channels/names";
import {
  anyone,
  channelKind,
  coreChannelKinds,
  createPolicy,
  OPERATIONS,
} from "@/lib/channels/policy";
import { channelNameSchema, socketIdSchema } from "@/lib/realtime/server/protocol";
import { all, none, policyCells, ROLES, type Row } from "./policy-table";

// The core's kinds alone: what the kit allows with no feature registered (a feature tests its own
// in tests/unit/<feature>/).
const policy = createPolicy(coreChannelKinds);

// Every kind the core registers, every operation, every role: what is allowed, and so what is not.
const TABLE: Row[] = [
  {
    channel: userChannel.build({ userId: ROLES.owner.id }),
    allowed: { subscribe: ["owner"], publish: none, history: none, presence: none },
  },
  {
    channel: onlineChannel.build({}),
    allowed: { subscribe: all, publish: none, history: none, presence: all },
  },
];

describe("the channel policy", () => {
  it("has a row for every registered kind", () => {
    const covered = new Set(TABLE.map((row) => policy.kindOf(row.channel)?.template));
    expect([...covered].sort()).toEqual(policy.kinds.map((kind) => kind.template).sort());
  });

  it.each(policyCells(TABLE))("$operation $channel as $role: $expected", async (cell) => {
    expect(await policy.may(ROLES[cell.role], cell.operation, cell.channel)).toBe(cell.expected);
  });

  it.each([
    "private-user-u1-extra",
    "private-user-",
    "private-anything",
    "public-channel",
    "presence-user-u1",
    "presence-online-x",
    "presence-online;private-user-u1",
    "private-user-u1 ",
  ])("refuses everything on %s, which no kind matches", async (channel) => {
    for (const operation of OPERATIONS) {
      for (const user of Object.values(ROLES)) {
        expect(await policy.may(user, operation, channel)).toBe(false);
      }
    }
  });

  it("builds and reads names with typed parameters, refusing what Pusher would", () => {
    expect(userChannel.build({ userId: "u1" })).toBe("private-user-u1");
    expect(userChannel.parse("private-user-u1")).toEqual({ userId: "u1" });
    expect(userChannel.parse("presence-online")).toBeUndefined();
    expect(() => userChannel.build({ userId: "a b" })).toThrow();
    expect(() => userChannel.build({ userId: "" })).toThrow();
    expect(() => userChannel.build({ userId: "x\ny" })).toThrow();
    expect(channelName("private-{a}-{b}").build({ a: "1", b: "2" })).toBe("private-1-2");
  });

  it("refuses to register one kind twice", () => {
    expect(() => createPolicy([...coreChannelKinds, ...coreChannelKinds])).toThrow(/twice/);
  });

  it("refuses a name that two kinds match, whichever was listed first", async () => {
    const room = channelKind(channelName("presence-room-{slug}"), { subscribe: () => false });
    const topic = channelKind(channelName("presence-{topic}"), {
      subscribe: anyone,
      presence: anyone,
    });
    const owner = { id: "u1", role: "user" as const, channelEpoch: 0 };
    for (const kinds of [
      [topic, room],
      [room, topic],
    ]) {
      const overlapping = createPolicy(kinds);
      expect(overlapping.kindOf("presence-room-staff")).toBeUndefined();
      expect(await overlapping.may(owner, "subscribe", "presence-room-staff")).toBe(false);
      // A name only one kind matches is that kind's.
      expect(await overlapping.may(owner, "subscribe", "presence-news")).toBe(true);
    }
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
    const answer = withKey.authorizeChannel("1234.1234", "private-encrypted-foobar");
    expect(Buffer.from(answer.shared_secret ?? "", "base64")).toHaveLength(32);
  });
});
