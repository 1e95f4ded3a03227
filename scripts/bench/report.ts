import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Milestones, Percentiles } from "./browser";
import type { FanOutResult } from "./fanout";
import type { LoadResult } from "./load";
import type { RestartResult } from "./restart";

export type Results = {
  profile: string;
  ceiling: LoadResult;
  endpoints: { name: string; result: LoadResult }[];
  signedIn: {
    sameTab: Percentiles;
    newTab: Percentiles;
    milestones: { sameTab: Milestones; newTab: Milestones };
  };
  fanOut: FanOutResult;
  restart: RestartResult;
  scripts: { firstLoadKb: number; laterKb: number };
};

const milestoneRow = (label: string, m: Milestones) =>
  `| ${label} | ${[m.firstByte, m.html, m.scripts, m.userAuthSent, m.userAuthAnswered, m.signedIn].map((value) => value.toFixed(0)).join(" | ")} |`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? "met" : "**not met**");

/** Bars of each endpoint's throughput as a share of the ceiling, with the 0.7 target marked. */
function chart(results: Results): string {
  const rows = results.endpoints.map(({ name, result }) => ({
    name,
    ratio: result.perSecond / results.ceiling.perSecond,
  }));
  const width = 640;
  const left = 220;
  const scale = (width - left - 40) / 1;
  const height = 40 + rows.length * 34;
  const bars = rows
    .map(({ name, ratio }, index) => {
      const y = 30 + index * 34;
      const w = Math.max(1, Math.min(ratio, 1) * scale);
      const fill = ratio >= 0.7 ? "#059669" : "#dc2626";
      return `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="12">${name}</text><rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="22" fill="${fill}"/><text x="${left + w + 6}" y="${y + 15}" font-size="12">${ratio.toFixed(2)}</text>`;
    })
    .join("");
  const target = left + 0.7 * scale;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" role="img"><title>Auth endpoint throughput relative to the ceiling</title><rect width="100%" height="100%" fill="#fff"/><text x="${left}" y="18" font-size="12" font-weight="600">Throughput / ceiling (GET /api/ping)</text>${bars}<line x1="${target}" x2="${target}" y1="26" y2="${height - 6}" stroke="#111" stroke-dasharray="4 3"/><text x="${target + 4}" y="${height - 8}" font-size="11">target 0.7</text></svg>\n`;
}

export function writeReport(results: Results): { markdown: string; file: string } {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  const f = results.fanOut;
  const r = results.restart;
  const { sameTab: same, newTab: fresh, milestones: m } = results.signedIn;
  const lines = [
    `# Benchmark: ${results.profile} profile`,
    "",
    `Measured ${new Date().toISOString()} on ${machine}, against \`npm start\` (production build, embedded PGlite, bundled soketi). Load generator and servers share the machine; compare ratios within one run.`,
    "",
    "![Throughput relative to the ceiling](chart.svg)",
    "",
    "| auth endpoint | req/s | ratio to ceiling | p50 | p99 | errors | target ≥ 0.7 |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    `| ceiling: GET /api/ping | ${results.ceiling.perSecond.toFixed(0)} | 1.00 | ${ms(results.ceiling.p50)} | ${ms(results.ceiling.p99)} | ${results.ceiling.errors} | |`,
    ...results.endpoints.map(({ name, result }) => {
      const ratio = result.perSecond / results.ceiling.perSecond;
      return `| ${name} | ${result.perSecond.toFixed(0)} | ${ratio.toFixed(2)} | ${ms(result.p50)} | ${ms(result.p99)} | ${result.errors} | ${verdict(ratio >= 0.7)} |`;
    }),
    "",
    "| measurement | figure | target |",
    "| --- | --- | --- |",
    `| time to signed-in: navigation to signin_success, ${same.runs} page loads in one tab | p50 ${ms(same.p50)}, p95 ${ms(same.p95)} | p95 ≤ 300 ms: ${verdict(same.p95 <= 300)} |`,
    `| the same, each in a new tab with no other page of the site open (a fresh renderer runs the scripts cold) | p50 ${ms(fresh.p50)}, p95 ${ms(fresh.p95)} | p95 ≤ 300 ms: ${verdict(fresh.p95 <= 300)} |`,
    `| fan-out: ${f.clients} clients signed in with tickets | ${ms(f.signInMs)} in all, ${f.signInErrors} errors | zero errors: ${verdict(f.signInErrors === 0)} |`,
    `| sendToUser delivery (${f.delivered} of ${f.clients}) | p50 ${ms(f.deliveryP50)}, p99 ${ms(f.deliveryP99)} | p99 ≤ 100 ms: ${verdict(f.deliveryP99 <= 100)} |`,
    `| terminate to socket closed | p50 ${ms(f.closeP50)}, max ${ms(f.closeMax)} | ≤ 500 ms: ${verdict(f.closeMax <= 500)} |`,
    `| realtime server killed and started again: ${r.signedInAgain} of ${r.clients} clients signed in again | ${ms(r.recoveryMs)} after it was back | all within 10 s: ${verdict(r.signedInAgain === r.clients && r.recoveryMs <= 10_000)} |`,
    `| first-load JS of /app: downloaded before signin_success, gzip as served | ${results.scripts.firstLoadKb.toFixed(1)} KB (then ${results.scripts.laterKb.toFixed(1)} KB more, loaded on demand) | ≤ 150 KB: ${verdict(results.scripts.firstLoadKb <= 150)} |`,
    "",
    "Where the time to signed-in goes (medians, ms since navigation start):",
    "",
    "| page loads | first byte of /app | HTML received | last script received | user-auth sent (hydrated, socket open) | user-auth answered | signin_success |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    milestoneRow("in one tab", m.sameTab),
    milestoneRow("each in a new tab", m.newTab),
    "",
  ];
  const markdown = lines.join("\n");
  const dir = path.join("bench", "results", results.profile);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "README.md"), markdown);
  writeFileSync(path.join(dir, "chart.svg"), chart(results));
  return { markdown, file: path.join(dir, "README.md") };
}
