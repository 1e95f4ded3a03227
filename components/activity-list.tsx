import { Cell, DataTable, Row } from "@/components/data-table";
import type { ActivityEntry } from "@/lib/activity-log/events";
import { formatUtc } from "@/lib/format";
import { showAddress } from "@/lib/http/approximate-address";

// A list of activity-log events, for /admin (with the user) and /account (one's own).

const COLUMNS = ["Time", "Event", "Outcome", "Address (approximate)", "Browser"];
const COLUMNS_WITH_USER = ["Time", "User", "Event", "Outcome", "Address (approximate)", "Browser"];

function outcome(entry: ActivityEntry): string {
  return entry.reason ? `${entry.outcome}: ${entry.reason}` : entry.outcome;
}

export function ActivityList({
  entries,
  showUser,
  label,
}: {
  entries: ActivityEntry[];
  showUser: boolean;
  label: string;
}) {
  if (entries.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="activity-empty">
        No events.
      </p>
    );
  }
  return (
    // A phone stacks its rows (DataTable); a table wider than a tablet's page scrolls sideways,
    // and is focusable, so that a keyboard can scroll it too.
    <section
      className="overflow-x-auto"
      aria-label={`${label} table`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take keyboard focus (axe: scrollable-region-focusable)
      tabIndex={0}
    >
      <DataTable columns={showUser ? COLUMNS_WITH_USER : COLUMNS} label={label}>
        {entries.map((entry) => (
          <Row
            key={entry.id}
            data-testid="activity-row"
            data-kind={entry.kind}
            data-outcome={entry.outcome}
            className="align-top"
          >
            <Cell column="Time" className="whitespace-nowrap">
              <time dateTime={entry.at.toISOString()}>{formatUtc(entry.at)}</time>
            </Cell>
            {showUser ? (
              <Cell column="User" data-testid="activity-user">
                {entry.username ? `@${entry.username}` : "unknown"}
              </Cell>
            ) : null}
            <Cell column="Event">
              <span className="font-mono" data-testid="activity-kind">
                {entry.kind}
              </span>
              {entry.count > 1 ? (
                // Repeats from one session, folded into one row: the time is the latest one's.
                <span
                  className="ml-2 font-medium"
                  data-testid="activity-count"
                  title={`${entry.count} times since ${formatUtc(entry.firstAt)}`}
                >
                  ×{entry.count}
                </span>
              ) : null}
              {entry.detail ? (
                <span className="ml-2 text-zinc-600 dark:text-zinc-400">{entry.detail}</span>
              ) : null}
            </Cell>
            <Cell column="Outcome" data-testid="activity-outcome">
              {outcome(entry)}
            </Cell>
            <Cell column="Address" data-testid="activity-address">
              {showAddress(entry.approximateAddress)}
            </Cell>
            <Cell column="Browser" last data-testid="activity-browser">
              {entry.browser}
            </Cell>
          </Row>
        ))}
      </DataTable>
    </section>
  );
}
