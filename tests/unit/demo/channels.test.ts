import { describe, expect, it } from "vitest";
import { inboxChannel, roomChannel } from "@/demo/lib/chat/channel-names";
import { chatChannelKinds, type RoomAudience } from "@/demo/lib/chat/channel-policy";
import { coreChannelKinds, createPolicy, OPERATIONS } from "@/lib/channels/policy";
import { all, none, policyCells, ROLES, type Row } from "../policy-table";

// The chat's kinds, registered beside the core's as features.ts does.
const audiences: Record<string, RoomAudience> = { lobby: "everyone", staff: "admins" };
const chatKinds = chatChannelKinds({ roomAudience: async (slug) => audiences[slug] });
const policy = createPolicy([...coreChannelKinds, ...chatKinds]);

const TABLE: Row[] = [
  {
    channel: roomChannel.build({ slug: "lobby" }),
    allowed: { subscribe: all, publish: all, history: all, presence: all },
  },
  {
    channel: roomChannel.build({ slug: "staff" }),
    allowed: { subscribe: ["admin"], publish: ["admin"], history: ["admin"], presence: ["admin"] },
  },
  {
    channel: roomChannel.build({ slug: "nowhere" }),
    allowed: { subscribe: none, publish: none, history: none, presence: none },
  },
  {
    channel: inboxChannel.build({ userId: ROLES.owner.id, epoch: "0" }),
    allowed: { subscribe: ["owner"], publish: all, history: ["owner"], presence: none },
  },
  {
    // The owner's inbox of an earlier epoch: one of their sessions ended since.
    channel: inboxChannel.build({ userId: ROLES.owner.id, epoch: "1" }),
    allowed: { subscribe: none, publish: all, history: none, presence: none },
  },
];

describe("the chat's channel kinds", () => {
  it("has a row for every kind the chat registers", () => {
    const covered = new Set(TABLE.map((row) => policy.kindOf(row.channel)?.template));
    expect([...covered].sort()).toEqual(chatKinds.map((kind) => kind.template).sort());
  });

  it.each(policyCells(TABLE))("$operation $channel as $role: $expected", async (cell) => {
    expect(await policy.may(ROLES[cell.role], cell.operation, cell.channel)).toBe(cell.expected);
  });

  it.each([
    "presence-room-lobby;presence-room-staff",
    "presence-room-",
    "private-encrypted-inbox-u1 ",
    "private-inbox-u1",
  ])("refuses everything on %s, which no kind matches", async (channel) => {
    for (const operation of OPERATIONS) {
      for (const user of Object.values(ROLES)) {
        expect(await policy.may(user, operation, channel)).toBe(false);
      }
    }
  });

  it("builds and reads room and inbox names", () => {
    expect(roomChannel.parse("presence-room-lobby")).toEqual({ slug: "lobby" });
    expect(inboxChannel.build({ userId: "u1", epoch: "3" })).toBe("private-encrypted-inbox-u1.3");
    expect(inboxChannel.parse("private-encrypted-inbox-u1.3")).toEqual({
      userId: "u1",
      epoch: "3",
    });
    expect(() => roomChannel.build({ slug: "x\ny" })).toThrow();
  });
});
