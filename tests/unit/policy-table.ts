import { type ChannelUser, OPERATIONS, type Operation } from "@/lib/channels/policy";

// The channel-policy tables' shared parts: the roles a user can have towards a channel, and the
// cells (row × operation × role) that a table of allowed roles expands to.

const me: ChannelUser = { id: "u1", role: "user", channelEpoch: 0 };
export const ROLES = {
  owner: me,
  admin: { id: "a1", role: "admin", channelEpoch: 0 },
  other: { id: "u2", role: "user", channelEpoch: 0 },
} as const satisfies Record<string, ChannelUser>;
export type Role = keyof typeof ROLES;

export type Row = { channel: string; allowed: Record<Operation, Role[]> };
export const none: Role[] = [];
export const all: Role[] = ["owner", "admin", "other"];

/** Every operation for every role on every row, with whether the row allows it. */
export function policyCells(table: Row[]) {
  return table.flatMap((row) =>
    OPERATIONS.flatMap((operation) =>
      (Object.keys(ROLES) as Role[]).map((role) => ({
        ...row,
        operation,
        role,
        expected: row.allowed[operation].includes(role),
      })),
    ),
  );
}
