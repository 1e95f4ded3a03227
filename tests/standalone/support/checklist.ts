import { readFileSync } from "node:fs";

// docs/deploy.md's "A single server, step by step", read the way tests/standalone/global-setup.ts
// follows it and tests/unit/deploy-checklist.test.ts checks it: the environment file, then each
// numbered step's title and the code it gives (inline spans and fenced blocks, in order).

export const HEADING = "A single server, step by step";

/** The steps the standalone setup knows how to follow, in the doc's order. */
export const STEPS = [
  "The database.",
  "The build.",
  "The schema.",
  "The first admin.",
  "The realtime server.",
  "The app.",
  "TLS, and the WebSocket upgrade.",
  "The check.",
] as const;
export type StepTitle = (typeof STEPS)[number];

export type Step = { title: StepTitle; code: string[] };
export type Checklist = { env: Record<string, string>; steps: Step[] };

export function readChecklist(markdown = readFileSync("docs/deploy.md", "utf8")): Checklist {
  const lines = sectionLines(markdown);
  let envFile: string | undefined;
  const steps: { title: string; code: string[] }[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const fence = line.match(/^(\s*)```/);
    if (fence) {
      const block: string[] = [];
      for (index++; index < lines.length && !/^\s*```/.test(lines[index] ?? ""); index++) {
        block.push((lines[index] ?? "").slice(fence[1]?.length ?? 0));
      }
      const text = block.join("\n");
      const step = steps.at(-1);
      if (step) step.code.push(text);
      else envFile ??= text;
      continue;
    }
    const numbered = line.match(/^\d+\. \*\*(.+?)\*\*(.*)$/);
    if (numbered) steps.push({ title: numbered[1] ?? "", code: [] });
    const prose = numbered ? (numbered[2] ?? "") : line;
    for (const span of prose.matchAll(/`([^`]+)`/g)) steps.at(-1)?.code.push(span[1] ?? "");
  }
  const titles = steps.map((step) => step.title);
  if (titles.join("|") !== STEPS.join("|")) {
    throw new Error(
      `docs/deploy.md's steps are ${JSON.stringify(titles)}; the standalone setup follows ` +
        `${JSON.stringify(STEPS)}: change both together.`,
    );
  }
  if (envFile === undefined) throw new Error(`"${HEADING}" has no environment file.`);
  return { env: parseEnvFile(envFile), steps: steps as Step[] };
}

function sectionLines(markdown: string): string[] {
  const lines = markdown.split("\n");
  const start = lines.indexOf(`## ${HEADING}`);
  if (start < 0) throw new Error(`docs/deploy.md has no "## ${HEADING}"`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith("## "));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** `NAME=value` lines as systemd and `docker --env-file` read them: no quotes, no trailing comment. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const assignment = line.match(/^([A-Z][A-Z0-9_]*)=([^\s"'#]*)$/);
    if (!assignment) throw new Error(`Not a NAME=value line an env file can hold: ${line}`);
    env[assignment[1] ?? ""] = assignment[2] ?? "";
  }
  return env;
}

/** The code of `step` that starts with `prefix`: the command the doc gives for it. */
export function codeOf(step: Step, prefix: string): string {
  const code = step.code.find((text) => text.startsWith(prefix));
  if (code === undefined) {
    throw new Error(`docs/deploy.md's step "${step.title}" gives no \`${prefix}…\`.`);
  }
  return code;
}

/**
 * A shell command of the doc's kind: `NAME=value` words, then the command's own words. Knows
 * single quotes, `$NAME` (from `env`) and lines continued with a backslash, and refuses any
 * other shell syntax rather than guess.
 */
export function parseCommand(
  text: string,
  env: Record<string, string>,
): { env: Record<string, string>; argv: string[] } {
  const source = text.replace(/\\\n/g, " ");
  if ((source.match(/'/g) ?? []).length % 2) throw new Error(`Unclosed quote in: ${text}`);
  const expand = (plain: string) => {
    if (/["`;&|<>()\\]/.test(plain)) throw new Error(`More shell than the setup reads: ${plain}`);
    return plain.replace(/\$([A-Z_][A-Z0-9_]*)/g, (_, name: string) => {
      const value = env[name];
      if (value === undefined) throw new Error(`$${name} is not in the environment file.`);
      return value;
    });
  };
  const words = [...source.matchAll(/(?:[^\s']|'[^']*')+/g)].map(([word]) =>
    word.replace(/'([^']*)'|[^']+/g, (part, quoted?: string) => quoted ?? expand(part)),
  );
  const assignments: Record<string, string> = {};
  while (words[0] && /^[A-Z][A-Z0-9_]*=/.test(words[0])) {
    const word = words.shift() ?? "";
    const at = word.indexOf("=");
    assignments[word.slice(0, at)] = word.slice(at + 1);
  }
  return { env: assignments, argv: words };
}
