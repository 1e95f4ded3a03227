import type { Milestones, Percentiles, Scripts, SignedInTimes, TimedPage } from "./browser";
import { type BesideTimes, OPEN_BESIDE, type OpenBeside } from "./tabs";

// The table of /app against both floors: /bench/floor in the app's own build, and the bare app
// outside it (scripts/bench/floor-app). Each time is a ratio to each; a target holds for both.

export const MILESTONES: [keyof Milestones, string][] = [
  ["firstByte", "first byte"],
  ["html", "HTML received"],
  ["scripts", "last script received"],
  ["userAuthSent", "user-auth sent (hydrated, socket open)"],
  ["userAuthAnswered", "user-auth answered"],
  ["signedIn", "signin_success"],
];

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
  beside: Record<TimedPage, Record<OpenBeside, BesideTimes>>,
  scripts: Record<TimedPage, Scripts>,
  target: { time: number; firstLoadJs: number },
): string[] {
  const row = (label: string, pick: (page: TimedPage) => Percentiles) =>
    (["p50", "p95"] as const).map((p) => {
      const [a, f, b] = [pick("app")[p], pick("floor")[p], pick("bare")[p]];
      const ratios: [number, number] = [a / f, a / b];
      return `| ${label}, ${p} | ${ms(a)} | ${ms(f)} | ${ms(b)} | ${ratios[0].toFixed(2)}× | ${ratios[1].toFixed(2)}× | ${verdict(ratios, target.time)} |`;
    });
  const js = [scripts.app, scripts.floor, scripts.bare].map((s) => s.firstLoadKb);
  const [jsApp = 0, jsFloor = 1, jsBare = 1] = js;
  const jsRatios: [number, number] = [jsApp / jsFloor, jsApp / jsBare];
  return [
    "| measurement | /app | floor | bare | ÷ floor | ÷ bare | target |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...row("time to signed-in, new tab", (page) => signedIn[page].newTab),
    ...row("time to signed-in, same tab", (page) => signedIn[page].sameTab),
    ...OPEN_BESIDE.flatMap((open) =>
      row(`time to signed-in, new tab beside ${open} open`, (page) => beside[page][open]),
    ),
    `| first-load JS (before signin_success, gzip as served) | ${js.map((kb) => `${kb.toFixed(1)} KB`).join(" | ")} | ${jsRatios[0].toFixed(2)}× | ${jsRatios[1].toFixed(2)}× | ${verdict(jsRatios, target.firstLoadJs)} |`,
  ];
}

/**
 * Where a new tab's time goes beside open tabs, and what the open tabs did meanwhile: the
 * profile behind the "beside" rows.
 */
export function besideRows(beside: Record<TimedPage, Record<OpenBeside, BesideTimes>>): string[] {
  const label = { app: "/app", floor: "floor", bare: "bare" } as const;
  return [
    `| new tab | open | ${MILESTONES.map(([, name]) => name).join(" | ")} | the open tabs' main thread meanwhile, ms | their requests |`,
    `| --- | --- | ${MILESTONES.map(() => "---").join(" | ")} | --- | --- |`,
    ...OPEN_BESIDE.flatMap((open) =>
      (["app", "floor", "bare"] as const).map((page) => {
        const times = beside[page][open];
        const cells = MILESTONES.map(([key]) => times.milestones[key].toFixed(0)).join(" | ");
        return `| ${label[page]} | ${open} | ${cells} | ${times.othersBusyMs.toFixed(0)} | ${times.othersRequests} |`;
      }),
    ),
  ];
}
