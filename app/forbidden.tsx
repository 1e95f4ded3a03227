import Link from "next/link";
import { Frame } from "@/app/frame";
import { currentUser } from "@/lib/identity/gate";

/**
 * 403: a banned user is told that the account is suspended; anyone else, that it is admins only.
 * Rendered in place of the route groups' layouts, so it brings the site's frame itself.
 */
export default async function Forbidden() {
  return (
    <Frame>
      <ForbiddenMessage />
    </Frame>
  );
}

async function ForbiddenMessage() {
  const caller = await currentUser();
  if (!caller.ok && caller.refusal.code === "user_banned") {
    return (
      <div className="space-y-4" data-testid="account-suspended">
        <h1 className="text-2xl font-semibold">Account suspended</h1>
        <p className="text-zinc-700 dark:text-zinc-300">
          This account is suspended. Its sessions have ended and it cannot sign in until an
          administrator lifts the suspension.
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="text-zinc-700 dark:text-zinc-300">This page is for admins only.</p>
      <Link href="/app" className="font-medium text-indigo-700 underline dark:text-indigo-300">
        Back to the app
      </Link>
    </div>
  );
}
