import type { Minute } from "@/lib/observability/history";

// The last hour, a minute a point: sign-ins and refusals as two lines, drawn as inline SVG.

const WIDTH = 360;
const HEIGHT = 80;
const HOUR_MS = 60 * 60_000;

function line(minutes: Minute[], pick: (minute: Minute) => number, top: number, end: number) {
  return minutes
    .map((minute) => {
      const x = WIDTH - ((end - minute.at) / HOUR_MS) * WIDTH;
      const y = HEIGHT - (pick(minute) / top) * (HEIGHT - 4);
      return `${Math.max(0, x).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(" ");
}

export function HourChart({ minutes, end }: { minutes: Minute[]; end: number }) {
  const top = Math.max(1, ...minutes.flatMap((minute) => [minute.signIns, minute.refusals]));
  const total = (pick: (minute: Minute) => number) =>
    minutes.reduce((sum, minute) => sum + pick(minute), 0);
  const label = `The last hour, a minute a point: ${total((m) => m.signIns)} sign-ins and ${total((m) => m.refusals)} refusals; at most ${top} in a minute.`;
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
        <polyline
          points={line(minutes, (m) => m.signIns, top, end)}
          fill="none"
          strokeWidth="2"
          className="stroke-emerald-600"
        />
        <polyline
          points={line(minutes, (m) => m.refusals, top, end)}
          fill="none"
          strokeWidth="2"
          strokeDasharray="4 3"
          className="stroke-rose-600"
        />
      </svg>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
        <span className="text-emerald-700 dark:text-emerald-400">solid: sign-ins</span>,{" "}
        <span className="text-rose-700 dark:text-rose-400">dashed: refusals</span>, per minute over
        the last hour (up to {top} a minute).
      </figcaption>
    </figure>
  );
}
