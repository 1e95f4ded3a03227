// npm run demo:remove — leaves the authentication core alone in this tree: the demo's folders are
// deleted, its registration in features.ts and drizzle.config.ts taken out, its tables dropped by
// a new migration, its page of the manual (docs/demo.md), its sections of README.md and docs/ and
// its dependency (tweetnacl) removed. The core's `@features` slots stay, for your features.
// Review with `git status`, then commit.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const say = (line: string) => console.log(line);

if (!existsSync(join(root, "demo"))) {
  say("The demo is already gone: there is no demo/ folder here.");
  process.exit(0);
}

// 1. Folders: removal is deleting them; nothing of the core lives inside.
const folders = [
  "demo",
  join("app", "(demo)"),
  join("tests", "e2e", "demo"),
  join("tests", "unit", "demo"),
];
for (const folder of folders) {
  rmSync(join(root, folder), { recursive: true, force: true });
  say(`removed  ${folder}/`);
}
// The last build's output and route types still name the demo's routes, and tsconfig.json
// includes those types: the next typecheck or build would look for the files just removed.
rmSync(join(root, ".next"), { recursive: true, force: true });
say("removed  .next/ (the last build's output names the demo's routes)");
// The demo's page of the manual; every link to it sits in a demo section (step 3).
rmSync(join(root, "docs", "demo.md"), { force: true });
say("removed  docs/demo.md");

// 2. Where the demo registers with the core: its entry in features.ts's list (its channel kinds
// leave the policy), its part in the parts.ts of each `@features` slot (the slots of /, /app and
// /quickstart then render nothing), and its schema file in drizzle.config.ts. Each edit must find
// what it takes out, or the script stops.
type Replacer = (match: string) => string;
/** Replaces each `from` in the file, which must hold it. */
function edit(file: string, edits: [from: string | RegExp, to: string | Replacer][]): void {
  let text = readFileSync(join(root, file), "utf8");
  for (const [from, to] of edits) {
    const next = typeof to === "string" ? text.replace(from, to) : text.replace(from, to);
    if (next === text) throw new Error(`${file} no longer holds ${String(from)}: edit it by hand.`);
    text = next;
  }
  writeFileSync(join(root, file), text);
  say(`edited   ${file}`);
}
edit("features.ts", [
  ['import { demo } from "@/demo/feature";\n', ""],
  [
    /(?<=const features: readonly Feature\[\] = \[)[^\]]*/,
    (list) =>
      list
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name !== "" && name !== "demo")
        .join(", "),
  ],
]);
for (const [folder, part] of [
  [join("app", "(home)"), "DemoHome"],
  [join("app", "(app)", "app"), "DemoApp"],
  [join("app", "(service)", "quickstart"), "DemoQuickstart"],
] as const) {
  edit(join(folder, "@features", "parts.ts"), [
    [new RegExp(`^import ${part} from "@/demo/parts/\\w+";\n`, "m"), ""],
    [new RegExp(`\\{ name: "demo", Part: ${part} \\},? ?`), ""],
  ]);
}
edit("drizzle.config.ts", [[', "./demo/db/schema.ts"', ""]]);
// The benchmark's measure of twenty channels at once, whose channels are the chat's rooms.
rmSync(join(root, "scripts", "bench", "channels.ts"));
say("removed  scripts/bench/channels.ts");
edit(join("scripts", "bench", "run.ts"), [
  ['import { channelAuthSection, channelAuthTimes } from "./channels";\n', ""],
  [
    / *\/\/ Measures that need a feature's channels[^\n]*\n[^\n]*\n/,
    "  // Measures that need a feature's channels, as markdown sections of the report.\n",
  ],
  ["[channelAuthSection(await channelAuthTimes(runs))]", "[]"],
]);

// 3. The demo's sections of README.md, SECURITY.md and the manual in docs/: the lines between a line
// `<!-- demo -->` and a line `<!-- /demo -->`, markers included.
/** Every Markdown file under a folder, as paths relative to the root. */
function markdownFiles(folder: string): string[] {
  if (!existsSync(join(root, folder))) return [];
  return readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return markdownFiles(path);
    return name.endsWith(".md") ? [path] : [];
  });
}
for (const file of ["README.md", "SECURITY.md", ...markdownFiles("docs")]) {
  const text = readFileSync(join(root, file), "utf8");
  const sections = text.match(/^<!-- demo -->$/gm)?.length ?? 0;
  if (sections === 0) continue;
  const stripped = text.replace(/^<!-- demo -->\n[\s\S]*?^<!-- \/demo -->\n?/gm, "");
  writeFileSync(join(root, file), stripped.replace(/\n{3,}/g, "\n\n"));
  say(`edited   ${file} (${sections} demo section${sections === 1 ? "" : "s"} removed)`);
}

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: root, stdio: "inherit" });

// 4. The demo's tables: drizzle-kit compares the schema (now the core's only) with the last
// snapshot and writes the migration that drops them; `npm run db:migrate` or the next start
// applies it.
run("npx", ["drizzle-kit", "generate", "--name", "drop_demo"]);

// 5. Its dependency and scripts. The core has no encrypted channel, so nothing loads tweetnacl.
run("npm", ["uninstall", "--no-audit", "--no-fund", "tweetnacl"]);
run("npm", ["pkg", "delete", "scripts.screenshots", "scripts.demo:remove"]);
rmSync(join(root, "scripts", "demo-remove.ts"));
say("removed  scripts/demo-remove.ts, the screenshots script and tweetnacl");

say(`
The core is alone. Next:
  npm run db:migrate  drops the demo's tables (the next start does it too)
  npm test            the core's lint, types, unit and end-to-end tests
  git status          review, then commit
PUSHER_ENCRYPTION_MASTER_KEY is optional now: keep it only if you add private-encrypted- channels.`);
