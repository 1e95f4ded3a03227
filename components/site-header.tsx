import Link from "next/link";
import { type NavLink, visibleLinks } from "@/lib/feature";
import { currentUser } from "@/lib/identity/gate";

const navLink = "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100";

// No prefetching from the header: on every page load it would ask the server to render three
// more pages at the moment a realtime page is signing in. Each link is fetched when followed.
// The features' links (`navLinks`, from features.ts) come after the core's.
export async function SiteHeader({
  signOutAction,
  navLinks,
}: {
  signOutAction: () => Promise<void>;
  navLinks: readonly NavLink[];
}) {
  const caller = await currentUser();
  const user = caller.ok ? caller.user : undefined;
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <nav className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3 text-sm">
        <Link href="/" prefetch={false} className="font-semibold">
          Realtime Auth Kit
        </Link>
        <Link
          href="/app"
          prefetch={false}
          className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          App
        </Link>
        <Link
          href="/quickstart"
          prefetch={false}
          className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          Quick start
        </Link>
        {user?.role === "admin" ? (
          <Link
            href="/admin"
            prefetch={false}
            className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
          >
            Admin
          </Link>
        ) : null}
        {visibleLinks(navLinks, user?.role).map((link) => (
          <Link key={link.href} href={link.href} prefetch={false} className={navLink}>
            {link.label}
          </Link>
        ))}
        <div className="ml-auto flex items-center gap-3">
          {user ? (
            <>
              <Link
                href="/account"
                prefetch={false}
                className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
              >
                @{user.username}
              </Link>
              <form action={signOutAction}>
                <button
                  type="submit"
                  className="rounded-md px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                >
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link
                href="/sign-in"
                prefetch={false}
                className="rounded-md px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                Sign in
              </Link>
              <Link
                href="/sign-up"
                prefetch={false}
                className="rounded-md bg-indigo-700 px-2 py-1 font-medium text-white hover:bg-indigo-800"
              >
                Sign up
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
