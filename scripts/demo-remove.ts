// npm run demo:remove — leaves the authentication core alone in this tree: the demo's folders are
// deleted, its channel kinds unregistered, its tables dropped by a new migration, its page of the
// manual (docs/demo.md), its sections of README.md and docs/ and its dependency (tweetnacl)
// removed. Review with `git status`, then commit.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = process.cwd();
const say = (line: string) => console.log(line);

if (!existsSync(join(root, "demo"))) {
  say("The demo is already gone: there is no demo/ folder here.");
  process.exit(0);
}

/** Every folder named `@demo` under app/: the parallel-route slots where the demo renders. */
function slots(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (!statSync(path).isDirectory()) return [];
    return name === "@demo" ? [path] : slots(path);
  });
}

// 1. Folders: removal is deleting them; nothing of the core lives inside.
const folders = [
  "demo",
  join("app", "(demo)"),
  ...slots(join(root, "app")).map((path) => relative(root, path)),
  join("tests", "e2e", "demo"),
  join("tests", "unit", "demo"),
];
for (const folder of folders) {
  rmSync(join(root, folder), { recursive: true, force: true });
  say(`removed  ${folder}/`);
}
// The demo's page of the manual; every link to it sits in a demo section (step 3).
rmSync(join(root, "docs", "demo.md"), { force: true });
say("removed  docs/demo.md");

// 2. The one file where features register with the core.
writeFileSync(
  join(root, "features.ts"),
  `import "server-only";
import { type ChannelKind, coreChannelKinds, createPolicy } from "@/lib/channels/policy";

// The composition root: what this app adds to the authentication core, and the one channel policy
// built from the core's kinds and the features'. lib/ imports no feature; routes and actions ask
// this \`policy\`.

/** Channel kinds beside the core's own. */
export const featureChannelKinds: readonly ChannelKind[] = [];

/** Channel auth, every action and route that publishes or reads history, and the webhooks ask it. */
export const policy = createPolicy([...coreChannelKinds, ...featureChannelKinds]);
`,
);
say("emptied  features.ts (no feature channel kinds)");

// 3. The demo's sections of README.md and of the manual in docs/: the lines between a line
// `<!-- demo -->` and a line `<!-- /demo -->`, markers included.
/** README.md and every Markdown file under docs/, as paths relative to the root. */
function markdownFiles(folder: string): string[] {
  if (!existsSync(join(root, folder))) return [];
  return readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return markdownFiles(path);
    return name.endsWith(".md") ? [path] : [];
  });
}
for (const file of ["README.md", ...markdownFiles("docs")]) {
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
  npm test            the core's lint, types, unit and end-to-end tests
  git status          review, then commit
PUSHER_ENCRYPTION_MASTER_KEY is optional now: keep it only if you add private-encrypted- channels.`);
