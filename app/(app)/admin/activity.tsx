import { ActivityList } from "@/components/activity-list";
import { Section } from "@/components/section";
import { AUTH_EVENT_KINDS, listAuthEvents } from "@/lib/activity-log/events";
import { parseActivityFilter } from "@/lib/activity-log/filter";
import { db } from "@/lib/db";

// /admin's Activity section: the latest events of every user, filtered by a GET form
// (?user=…&kind=…). The page asked the gate for an admin before this renders.

const LATEST = 50;

const field =
  "rounded-md border border-zinc-300 bg-transparent px-2 py-1 text-sm dark:border-zinc-700";

export async function AdminActivitySection({
  query,
}: {
  query: Record<string, string | string[] | undefined>;
}) {
  const { filter, ignored, values } = parseActivityFilter(query);
  const entries = await listAuthEvents(db(), filter, LATEST);
  return (
    <Section
      id="activity-heading"
      title="Activity"
      titleClassName="text-xl font-semibold"
      className="space-y-3"
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        The latest {LATEST} authentication events: sign-ins, sign-outs, tickets, ended sessions,
        bans, role changes and the service switch.
      </p>
      <form method="get" action="/admin" className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          User
          <input
            name="user"
            defaultValue={values.user}
            placeholder="username"
            maxLength={64}
            className={field}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Kind
          <select name="kind" defaultValue={values.kind} className={field}>
            <option value="">All kinds</option>
            {AUTH_EVENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Filter
        </button>
      </form>
      {ignored.length > 0 ? (
        <p
          role="status"
          data-testid="activity-ignored"
          className="text-sm text-amber-800 dark:text-amber-200"
        >
          Ignored {ignored.map((name) => `the ${name} filter`).join(" and ")}: not a{" "}
          {ignored.length > 1 ? "valid value each" : "valid value"} (one username, one kind).
        </p>
      ) : null}
      <ActivityList entries={entries} showUser label="Activity" />
    </Section>
  );
}
