// A user's role: stored in `users.role`, read by the gate and by the channel policy.

export const ROLES = ["user", "admin"] as const;

export type Role = (typeof ROLES)[number];
