import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

// Just enough Markdown for the docs' tests: the links of a file, the anchors of its headings (as
// GitHub makes them), and the rows of a table.

/** Each line, with fenced code blocks blanked: neither their links nor their headings count. */
function prose(text: string): string[] {
  let fenced = false;
  return text.split("\n").map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return "";
    }
    return fenced ? "" : line;
  });
}

export type Link = { line: number; target: string };

/** The destinations of `[text](target)` and `![alt](target)`, outside code. */
export function links(text: string): Link[] {
  return prose(text).flatMap((raw, index) => {
    // Inline code is not a link, and may hold brackets of its own.
    const line = raw.replace(/`[^`]*`/g, "code");
    const found: Link[] = [];
    let from = 0;
    for (;;) {
      const start = line.indexOf("](", from);
      if (start < 0) break;
      // A destination may hold parentheses (app/(home)/layout.tsx), balanced.
      let depth = 1;
      let end = start + 2;
      while (end < line.length && depth > 0) {
        if (line[end] === "(") depth += 1;
        if (line[end] === ")") depth -= 1;
        end += 1;
      }
      const target = line.slice(start + 2, depth === 0 ? end - 1 : end).trim();
      found.push({ line: index + 1, target: target.replace(/\s+"[^"]*"$/, "") });
      from = end;
    }
    return found;
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors a file's headings make, repeated ones numbered as GitHub numbers them. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of prose(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1] ?? "");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** What is wrong with each relative link of `file` (a path under `root`): none, if all resolve. */
export function brokenLinks(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return links(text).flatMap(({ line, target }) => {
    const where = `${file}:${line} (${target})`;
    if (target === "") return [`${where}: an empty link`];
    // Other sites, mail and the like are not this tree's to check.
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) return [];
    const [rawPath, anchor] = target.split("#", 2);
    const path = decodeURI(rawPath ?? "");
    if (path.startsWith("/"))
      return [`${where}: an absolute path, which GitHub reads from the site`];
    const resolved = path === "" ? join(root, file) : resolve(root, dirname(file), path);
    if (relative(root, resolved).startsWith("..")) return [`${where}: outside the repository`];
    if (!existsSync(resolved)) return [`${where}: no such file`];
    if (anchor === undefined || anchor === "" || !resolved.endsWith(".md")) return [];
    if (statSync(resolved).isDirectory()) return [];
    return anchors(readFileSync(resolved, "utf8")).has(anchor)
      ? []
      : [`${where}: no heading makes #${anchor}`];
  });
}

/** README.md and every Markdown file under docs/, as paths relative to `root`. */
export function docFiles(root: string): string[] {
  const under = (folder: string): string[] =>
    existsSync(join(root, folder))
      ? readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
          const path = join(folder, entry.name);
          if (entry.isDirectory()) return under(path);
          return entry.name.endsWith(".md") ? [path] : [];
        })
      : [];
  return ["README.md", ...under("docs")].filter((file) => existsSync(join(root, file)));
}

/** The rows of the first table under the heading `heading`, each as its cells. */
export function tableUnder(text: string, heading: string): string[][] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => /^#{1,6}\s/.test(line) && line.includes(heading));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,6}\s/.test(line)) break;
    if (!line.startsWith("|")) {
      if (rows.length > 0) break;
      continue;
    }
    // A cell may hold an escaped pipe (\|), which is no border.
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.replaceAll("\\|", "|").trim());
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    rows.push(cells);
  }
  return rows;
}
