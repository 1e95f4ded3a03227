import "server-only";
import type { User } from "@/lib/db/schema";

export function senderOf(user: User) {
  return { id: user.id, name: user.name ?? user.username, username: user.username };
}
