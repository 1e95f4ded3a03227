import "server-only";
import { auth } from "@/auth";
import { db } from "@/lib/db";
import { findUserById } from "@/lib/db/queries";
import type { User } from "@/lib/db/schema";

/** The signed-in admin, read from the database (a JWT's role could be stale); else why not. */
export async function currentAdmin(): Promise<
  { admin: User } | { refusal: "signed_out" | "forbidden" }
> {
  const session = await auth();
  if (!session) return { refusal: "signed_out" };
  const user = await findUserById(db(), session.user.id);
  if (!user || user.bannedAt || user.role !== "admin") return { refusal: "forbidden" };
  return { admin: user };
}
