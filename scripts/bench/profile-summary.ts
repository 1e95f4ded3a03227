import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Turns a V8 CPU profile into tables of self time: by package or source file, and by function.
// Next.js bundles the server code, so each frame is mapped back through the build's source maps.

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame };
export type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

type Place = { bucket: string; where: string };

const VM_STATES = new Set(["(program)", "(garbage collector)", "(idle)", "(root)"]);

function packageOf(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const index = parts.lastIndexOf("node_modules");
  if (index < 0) return undefined;
  const name = parts[index + 1] ?? "";
  return name.startsWith("@") ? `${name}/${parts[index + 2]}` : name;
}

function createLocator(root: string) {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (file: string) => {
    if (!maps.has(file)) {
      const mapFile = `${file}.map`;
      maps.set(
        file,
        existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : null,
      );
    }
    return maps.get(file) ?? null;
  };

  return ({ functionName, url, lineNumber, columnNumber }: CallFrame): Place => {
    const name = functionName || "(anonymous)";
    if (VM_STATES.has(name) && !url) return { bucket: name, where: name };
    if (!url.startsWith("file://")) return { bucket: "Node.js internals", where: `${name} ${url}` };
    let file = fileURLToPath(url);
    let line = lineNumber;
    const entry = mapFor(file)?.findEntry(lineNumber, columnNumber);
    if (entry && "originalSource" in entry && typeof entry.originalSource === "string") {
      file = path.resolve(path.dirname(file), entry.originalSource.replace(/^file:\/\//, ""));
      line = entry.originalLine;
    }
    const relative = path.relative(root, file);
    const bucket = packageOf(relative) ?? relative;
    return { bucket, where: `${name} (${relative}:${line + 1})` };
  };
}

function table(rows: [string, number][], total: number, limit: number): string[] {
  return [
    "| where | self time | share |",
    "| --- | --- | --- |",
    ...rows
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(
        ([name, ms]) =>
          `| ${name.replaceAll("|", "\\|")} | ${ms.toFixed(0)} ms | ${((100 * ms) / total).toFixed(1)} % |`,
      ),
  ];
}

export function summarizeProfile(
  profile: CpuProfile,
  options: { title: string; note: string; root: string },
): string {
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const locate = createLocator(options.root);
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { bucket, where } = locate(node.callFrame);
    if (bucket === "(idle)") continue;
    busy += ms;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms);
    functions.set(where, (functions.get(where) ?? 0) + ms);
  }
  return [
    `# ${options.title}`,
    "",
    `${busy.toFixed(0)} ms of CPU time (idle excluded), measured ${new Date().toISOString()}.`,
    `${options.note} Self time: time spent in the code itself, not in what it calls.`,
    "",
    "## By package or source file",
    "",
    ...table([...buckets], busy, 20),
    "",
    "## By function",
    "",
    ...table([...functions], busy, 25),
    "",
  ].join("\n");
}
