import type { Milestones, Scripts, SignedInTimes, TimedPage } from "./browser";
import { type BesideTimes, OPEN_BESIDE, type OpenBeside } from "./tabs";

// Why /app takes longer than a floor: its extra time split by the phases of a page load (from the
// milestones' medians), and the scripts it loads before signin_success that the floor does not.

const PHASES: [string, (m: Milestones) => number][] = [
  ["server (first byte)", (m) => m.firstByte],
  ["HTML", (m) => m.html - m.firstByte],
  ["scripts after the HTML", (m) => m.scripts - m.html],
  ["running them, hydrating, opening the socket", (m) => m.userAuthSent - m.scripts],
  ["user-auth", (m) => m.userAuthAnswered - m.userAuthSent],
  ["to signin_success", (m) => m.signedIn - m.userAuthAnswered],
];

const signed = (ms: number) => `${ms >= 0 ? "+" : "−"}${Math.abs(ms).toFixed(0)}`;

export function phaseRows(
  signedIn: Record<TimedPage, SignedInTimes>,
  beside: Record<TimedPage, Record<OpenBeside, BesideTimes>>,
): string[] {
  const cases: [string, (page: TimedPage) => Milestones][] = [
    ["in one tab", (page) => signedIn[page].milestones.sameTab],
    ["in a new tab", (page) => signedIn[page].milestones.newTab],
    ...OPEN_BESIDE.map((open): [string, (page: TimedPage) => Milestones] => [
      `beside ${open} open`,
      (page) => beside[page][open].milestones,
    ]),
  ];
  return [
    `| /app − floor / − bare, ms | ${PHASES.map(([name]) => name).join(" | ")} | in all |`,
    `| --- | ${PHASES.map(() => "---").join(" | ")} | --- |`,
    ...cases.map(([label, pick]) => {
      const [app, floor, bare] = [pick("app"), pick("floor"), pick("bare")];
      const cell = (phase: (m: Milestones) => number) =>
        `${signed(phase(app) - phase(floor))} / ${signed(phase(app) - phase(bare))}`;
      const all = (m: Milestones) => m.signedIn;
      return `| ${label} | ${PHASES.map(([, phase]) => cell(phase)).join(" | ")} | ${cell(all)} |`;
    }),
  ];
}

/** /app's first-load scripts that the floor does not load, largest first. */
export function extraScripts(scripts: Record<TimedPage, Scripts>): string {
  const floor = new Set(scripts.floor.firstLoadFiles.map(({ file }) => file));
  const extra = scripts.app.firstLoadFiles
    .filter(({ file }) => !floor.has(file))
    .sort((a, b) => b.kb - a.kb);
  const sum = extra.reduce((total, { kb }) => total + kb, 0);
  const missing = scripts.floor.firstLoadFiles.filter(
    ({ file }) => !scripts.app.firstLoadFiles.some((own) => own.file === file),
  );
  const less = missing.reduce((total, { kb }) => total + kb, 0);
  return `Before signin_success, /app loads ${extra.length} scripts that the floor does not (${sum.toFixed(1)} KB: ${extra.map(({ file, kb }) => `\`${file}\` ${kb.toFixed(1)} KB`).join(", ")}), and leaves out ${missing.length} of the floor's (${less.toFixed(1)} KB).`;
}
