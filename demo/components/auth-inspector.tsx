"use client";

import { useRealtime } from "@/components/realtime-provider";
import { type Flow, FlowDiagram } from "@/demo/components/flow-diagram";
import type { TraceEntry } from "@/demo/lib/trace";
import { useTrace } from "@/demo/lib/use-trace";

function copy(entry: TraceEntry) {
  void navigator.clipboard?.writeText(
    `${entry.at} ${entry.title}${entry.detail ? `\n${entry.detail}` : ""}`,
  );
}

/** This tab's auth steps as they happen, with the current one lit on the flow's diagram. */
export function AuthInspector({ flow }: { flow: Flow }) {
  const { client } = useRealtime();
  const entries = useTrace(client);
  const current = entries.at(-1)?.step;
  return (
    <section aria-labelledby="inspector-heading" className="space-y-3">
      <h2 id="inspector-heading" className="text-lg font-semibold">
        Auth inspector
      </h2>
      <FlowDiagram flow={flow} active={current} />
      {entries.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Nothing has happened yet in this tab.
        </p>
      ) : (
        <ol
          data-testid="inspector"
          aria-label="Auth steps in this tab"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take keyboard focus (axe: scrollable-region-focusable)
          tabIndex={0}
          className="max-h-96 space-y-2 overflow-y-auto text-sm"
        >
          {entries.map((entry) => (
            <li
              key={entry.id}
              data-step={entry.step}
              data-ok={entry.ok}
              className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800"
            >
              <div className="flex items-start justify-between gap-2">
                <div>
                  <time
                    dateTime={entry.at}
                    className="font-mono text-xs text-zinc-600 dark:text-zinc-400"
                  >
                    {entry.at.slice(11, 23)}
                  </time>{" "}
                  <span className={entry.ok ? "" : "font-medium text-red-700 dark:text-red-400"}>
                    {entry.title}
                  </span>
                </div>
                <button
                  type="button"
                  onClick={() => copy(entry)}
                  className="shrink-0 rounded border border-zinc-300 px-2 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                >
                  Copy
                </button>
              </div>
              {entry.detail ? (
                <pre className="mt-1 overflow-x-auto font-mono text-xs whitespace-pre-wrap break-all text-zinc-700 dark:text-zinc-300">
                  {entry.detail}
                </pre>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
