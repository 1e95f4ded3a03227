import type { BrowserContext } from "@playwright/test";

// Where a page's main thread spends its time until it shows the socket signed in: a V8 CPU
// profile of one load in a new tab, its samples summed by the script file they ran in.

export type PageProfile = {
  /** Sampled time that was not idle, in ms. */
  busyMs: number;
  /** The largest shares: a script's file (a chunk), or what V8 names itself ("(program)"…). */
  top: { where: string; ms: number }[];
};

type ProfileNode = { id: number; callFrame: { url: string; functionName: string } };
type CpuProfile = { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] };

/** `http://host/_next/static/chunks/abc.js` → `abc.js`; V8's own nodes keep their names. */
function whereOf(node: ProfileNode | undefined): string {
  if (!node) return "(unknown)";
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  return new URL(url).pathname.split("/").at(-1) || url;
}

export async function profilePage(context: BrowserContext, pathname: string): Promise<PageProfile> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  await page.goto(pathname);
  await page.locator('[data-testid="connection-badge"][data-signed-in="true"]').waitFor();
  const { profile } = (await cdp.send("Profiler.stop")) as { profile: CpuProfile };
  await page.close();

  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const deltas = profile.timeDeltas ?? [];
  const totals = new Map<string, number>();
  // Each sample stands for the time until the next one.
  for (const [i, id] of (profile.samples ?? []).entries()) {
    const where = whereOf(nodes.get(id));
    if (where === "(idle)") continue;
    totals.set(where, (totals.get(where) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const shares = [...totals.entries()]
    .map(([where, ms]) => ({ where, ms }))
    .sort((a, b) => b.ms - a.ms);
  return { busyMs: shares.reduce((sum, { ms }) => sum + ms, 0), top: shares.slice(0, 8) };
}
