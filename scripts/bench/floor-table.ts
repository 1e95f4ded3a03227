import {
  OPEN_BESIDE,
  type Percentiles,
  type Scripts,
  type SignedInTimes,
  type TimedPage,
} from "./browser";

// The table of /app against both floors: /bench/floor in the app's own build, and the bare app
// outside it (scripts/bench/floor-app). Each time is a ratio to each; a target holds for both.

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Met when both ratios are at most `target`; else by how much each misses it. */
function verdict(ratios: [number, number], target: number): string {
  if (ratios.every((ratio) => ratio <= target)) return `≤ ${target}×: met`;
  const missed = ratios.map((ratio) =>
    ratio > target ? `by ${(ratio - target).toFixed(2)}` : "met",
  );
  return `≤ ${target}×: **not met** (÷ floor ${missed[0]}, ÷ bare ${missed[1]})`;
}

export function floorRows(
  signedIn: Record<TimedPage, SignedInTimes>,
  scripts: Record<TimedPage, Scripts>,
  target: { time: number; firstLoadJs: number },
): string[] {
  const { app, floor, bare } = signedIn;
  const row = (label: string, pick: (times: SignedInTimes) => Percentiles) =>
    (["p50", "p95"] as const).map((p) => {
      const [a, f, b] = [pick(app)[p], pick(floor)[p], pick(bare)[p]];
      const ratios: [number, number] = [a / f, a / b];
      return `| ${label}, ${p} | ${ms(a)} | ${ms(f)} | ${ms(b)} | ${ratios[0].toFixed(2)}× | ${ratios[1].toFixed(2)}× | ${verdict(ratios, target.time)} |`;
    });
  const js = [scripts.app, scripts.floor, scripts.bare].map((s) => s.firstLoadKb);
  const [jsApp = 0, jsFloor = 1, jsBare = 1] = js;
  const jsRatios: [number, number] = [jsApp / jsFloor, jsApp / jsBare];
  return [
    "| measurement | /app | floor | bare | ÷ floor | ÷ bare | target |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...row("time to signed-in, new tab", (t) => t.newTab),
    ...row("time to signed-in, same tab", (t) => t.sameTab),
    ...OPEN_BESIDE.flatMap((open) =>
      row(`time to signed-in, new tab beside ${open} open`, (t) => t.beside[open]),
    ),
    `| first-load JS (before signin_success, gzip as served) | ${js.map((kb) => `${kb.toFixed(1)} KB`).join(" | ")} | ${jsRatios[0].toFixed(2)}× | ${jsRatios[1].toFixed(2)}× | ${verdict(jsRatios, target.firstLoadJs)} |`,
  ];
}
