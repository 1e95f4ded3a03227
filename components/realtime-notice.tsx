"use client";

import Link from "next/link";
import { useRealtime } from "@/components/realtime-provider";
import { SessionEndedError } from "@/lib/realtime/client/errors";
import { endsSession } from "@/lib/realtime/session-ended";

/**
 * Says, in words, why the realtime connection is down. A session that ended for good (banned,
 * signed out elsewhere, the service switched off) offers `restart`; anything else, Reconnect.
 */
export function RealtimeNotice({ restart }: { restart?: { href: string; label: string } }) {
  const { error, client, state } = useRealtime();
  if (!error || !client) return null;
  const ended = endsSession(error);
  const closed = error.kind === "refused" || error.kind === "ended" || state === "disconnected";
  // An ended session: data-session-end is its kind (session_expired, session_revoked or
  // session_reused), data-code the detail (signed_out, session_limit …).
  const session = error instanceof SessionEndedError ? error : undefined;
  return (
    <div
      role="alert"
      data-testid="realtime-notice"
      data-code={session?.reason ?? error.code}
      data-session-end={session?.code}
      data-final={ended ? "true" : "false"}
      className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <span>
        {closed ? "Disconnected: " : "Realtime sign-in failed: "}
        {error.message}
      </span>
      {ended ? (
        restart ? (
          <Link
            href={restart.href}
            prefetch={false}
            className="rounded-md border border-amber-400 px-2 py-1 font-medium hover:bg-amber-100 dark:border-amber-700 dark:hover:bg-amber-900"
          >
            {restart.label}
          </Link>
        ) : null
      ) : (
        <button
          type="button"
          onClick={() => client.reconnect().catch(() => {})}
          className="rounded-md border border-amber-400 px-2 py-1 font-medium hover:bg-amber-100 dark:border-amber-700 dark:hover:bg-amber-900"
        >
          Reconnect
        </button>
      )}
    </div>
  );
}
