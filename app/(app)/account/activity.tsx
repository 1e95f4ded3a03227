import { ActivityList } from "@/components/activity-list";
import { Section } from "@/components/section";
import { listAuthEvents } from "@/lib/activity-log/events";
import { db } from "@/lib/db";
import type { Caller } from "@/lib/identity/gate";

// /account's Recent activity: the user's own latest authentication events.

const RECENT = 20;

export async function RecentActivitySection({ caller }: { caller: Caller }) {
  const entries = await listAuthEvents(db(), { userId: caller.user.id }, RECENT);
  return (
    <Section
      id="recent-activity-heading"
      title="Recent activity"
      titleClassName="text-lg font-semibold"
      className="space-y-3"
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Your latest {RECENT} sign-ins, sign-outs, tickets and ended sessions, with the approximate
        address and the browser each came from.
      </p>
      <ActivityList entries={entries} showUser={false} label="Recent activity" />
    </Section>
  );
}
