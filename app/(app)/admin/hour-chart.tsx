import type { Minute } from "@/lib/observability/history";

// The last hour, a minute a pair of bars: sign-ins, then refusals, drawn as inline SVG.

const WIDTH = 360;
const HEIGHT = 80;
const HOUR_MS = 60 * 60_000;
/** The width of one minute; each of its two bars takes a little under half. */
const SLOT = WIDTH / 60;

export function HourChart({ minutes, end }: { minutes: Minute[]; end: number }) {
  const top = Math.max(1, ...minutes.flatMap((minute) => [minute.signIns, minute.refusals]));
  const total = (pick: (minute: Minute) => number) =>
    minutes.reduce((sum, minute) => sum + pick(minute), 0);
  const label = `The last hour, a minute a pair of bars: ${total((m) => m.signIns)} sign-ins and ${total((m) => m.refusals)} refusals; at most ${top} in a minute.`;
  const bar = (value: number, x: number, className: string, key: string) => {
    const height = (value / top) * (HEIGHT - 4);
    return (
      <rect
        key={key}
        x={x}
        y={HEIGHT - height}
        width={SLOT / 2 - 0.5}
        height={height}
        className={className}
      />
    );
  };
  return (
    <figure className="space-y-1">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        className="h-20 w-full max-w-md rounded border border-zinc-200 dark:border-zinc-800"
        preserveAspectRatio="none"
        data-testid="hour-chart"
      >
        {minutes.map((minute) => {
          // Each bar ends where its minute ended: the newest at the right edge.
          const x = Math.max(0, WIDTH - ((end - minute.at) / HOUR_MS) * WIDTH - SLOT);
          return [
            bar(minute.signIns, x, "fill-emerald-600", `${minute.at}-in`),
            bar(minute.refusals, x + SLOT / 2, "fill-rose-600", `${minute.at}-refused`),
          ];
        })}
        <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="stroke-zinc-400" />
      </svg>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
        Per minute over the last hour, up to {top} a minute:{" "}
        <span className="text-emerald-700 dark:text-emerald-400">sign-ins</span> (left bar),{" "}
        <span className="text-rose-700 dark:text-rose-400">refusals</span> (right bar).
      </figcaption>
    </figure>
  );
}
