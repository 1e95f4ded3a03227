import Link from "next/link";

export default function HomePage() {
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">
        Realtime user authentication, end to end
      </h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        This kit shows how the users of a Pusher Channels service are authenticated: by your own
        backend, which signs tokens with the app secret, or by the service itself, with only the app
        key on the client.
      </p>
      <div className="flex flex-wrap gap-3">
        <Link
          href="/sign-in"
          className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800"
        >
          Sign in
        </Link>
        <Link
          href="/sign-up"
          className="rounded-md border border-zinc-300 px-4 py-2 text-sm font-semibold hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Create an account
        </Link>
      </div>
    </div>
  );
}
