import { describe, expect, it } from "vitest";
import { inboxChannel, roomChannel } from "@/demo/lib/chat/channel-names";
import { chatChannelKinds, type RoomAudience } from "@/demo/lib/chat/channel-policy";
import {
  type ChannelUser,
  coreChannelKinds,
  createPolicy,
  OPERATIONS,
  type Operation,
} from "@/lib/realtime/channel-policy";

// The chat's kinds, registered beside the core's as features.ts does.
const audiences: Record<string, RoomAudience> = { lobby: "everyone", staff: "admins" };
const chatKinds = chatChannelKinds({ roomAudience: async (slug) => audiences[slug] });
const policy = createPolicy([...coreChannelKinds, ...chatKinds]);

const me: ChannelUser = { id: "u1", role: "user" };
const admin: ChannelUser = { id: "a1", role: "admin" };
const other: ChannelUser = { id: "u2", role: "user" };
const ROLES = { owner: me, admin, other } as const;
type Role = keyof typeof ROLES;

type Row = { channel: string; allowed: Record<Operation, Role[]> };
const none: Role[] = [];
const all: Role[] = ["owner", "admin", "other"];

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
    channel: inboxChannel.build({ userId: me.id }),
    allowed: { subscribe: ["owner"], publish: all, history: ["owner"], presence: none },
  },
];

describe("the chat's channel kinds", () => {
  it("has a row for every kind the chat registers", () => {
    const covered = new Set(TABLE.map((row) => policy.kindOf(row.channel)?.template));
    expect([...covered].sort()).toEqual(chatKinds.map((kind) => kind.template).sort());
  });

  const cells = TABLE.flatMap((row) =>
    OPERATIONS.flatMap((operation) =>
      (Object.keys(ROLES) as Role[]).map((role) => ({
        ...row,
        operation,
        role,
        expected: row.allowed[operation].includes(role),
      })),
    ),
  );

  it.each(cells)("$operation $channel as $role: $expected", async (cell) => {
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
    expect(inboxChannel.build({ userId: "u1" })).toBe("private-encrypted-inbox-u1");
    expect(() => roomChannel.build({ slug: "x\ny" })).toThrow();
  });
});
