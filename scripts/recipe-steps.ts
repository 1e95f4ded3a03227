// The steps of a recipe page of docs/, read from its fenced code blocks, so that CI can follow
// the page as a reader would and the page cannot drift from what works:
//   ```ts notifications/note.ts    a new file, whole (any language, then its path)
//   ```diff                        a change to a file of the tree, as `git apply` takes it
//   ```sh run                      commands to run, in order
// Any other block is shown, not followed.

export type RecipeStep =
  | { kind: "file"; path: string; text: string }
  | { kind: "patch"; text: string }
  | { kind: "run"; text: string };

/** The steps of a page, in the page's order. */
export function recipeSteps(markdown: string): RecipeStep[] {
  const steps: RecipeStep[] = [];
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index += 1) {
    const fence = /^```(\w+)(?: (\S+))?$/.exec(lines[index] ?? "");
    if (!fence) continue;
    const end = lines.indexOf("```", index + 1);
    if (end < 0) throw new Error(`Line ${index + 1}: a code block that is never closed.`);
    const text = `${lines.slice(index + 1, end).join("\n")}\n`;
    const [, language, target] = fence;
    if (language === "diff") steps.push({ kind: "patch", text });
    else if (language === "sh" && target === "run") steps.push({ kind: "run", text });
    else if (target) steps.push({ kind: "file", path: target, text });
    index = end;
  }
  return steps;
}

/** The files a patch changes (its `+++ b/…` lines). */
export function patchedFiles(patch: string): string[] {
  return [...patch.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((match) => match[1] ?? "");
}
