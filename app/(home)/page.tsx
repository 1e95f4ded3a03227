import Link from "next/link";

const primary =
  "rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800";
const secondary =
  "rounded-md border border-zinc-300 px-4 py-2 text-sm font-semibold hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900";

export default function HomePage() {
  return (
    <section className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">
        Realtime user authentication, end to end
      </h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        This kit shows how the users of a realtime service that speaks the Pusher Channels protocol
        are signed in, in a real app you can run, read and copy.
      </p>
      <ul className="list-disc space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
        <li>
          <strong>By your backend:</strong> the app checks its own session and signs a token or a
          ticket with the app secret, which never leaves the server.
        </li>
        <li>
          <strong>By the service:</strong> the client sends a username and password with only the
          app key, and may create users: a quick start that an operator switches off before going
          live.
        </li>
        <li>
          Private and presence channels under one policy; events to one user; signing out,
          disconnecting and banning users.
        </li>
      </ul>
      <div className="flex flex-wrap gap-3">
        <Link href="/sign-in?callbackUrl=/app" className={primary}>
          Try: your backend
        </Link>
        <Link href="/quickstart" className={secondary}>
          Try: the service
        </Link>
      </div>
    </section>
  );
}
