import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { patchedFiles, recipeSteps } from "../../scripts/recipe-steps";

// docs/add-a-feature.md is followed by CI on the core alone (scripts/apply-recipe.ts), and the
// feature's tests run there. Here: the page reads as the script expects, and only adds to the tree.

const steps = recipeSteps(readFileSync("docs/add-a-feature.md", "utf8"));
const files = steps.flatMap((step) => (step.kind === "file" ? [step.path] : []));

describe("the recipe docs/add-a-feature.md", () => {
  it("writes the feature's folder, its page under /app and its tests in their folders", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "notifications/feature.ts",
        "notifications/schema.ts",
        "notifications/actions.ts",
        "app/(app)/app/notifications/page.tsx",
        "tests/unit/notifications/channel.test.ts",
        "tests/e2e/notifications/notifications.spec.ts",
      ]),
    );
    expect(files.filter((path) => !/^(notifications|app|tests\/(unit|e2e))\//.test(path))).toEqual(
      [],
    );
  });

  // Before CI applies it, none of them is here; after, each is as the page shows it.
  it("leaves no file it writes different from the page", () => {
    const differing = steps.flatMap((step) =>
      step.kind === "file" && existsSync(step.path) && readFileSync(step.path, "utf8") !== step.text
        ? [step.path]
        : [],
    );
    expect(differing).toEqual([]);
  });

  it("changes only features.ts and drizzle.config.ts, and generates the migration", () => {
    const patched = steps.flatMap((step) => (step.kind === "patch" ? patchedFiles(step.text) : []));
    expect(patched.sort()).toEqual(["drizzle.config.ts", "features.ts"]);
    const runs = steps.flatMap((step) => (step.kind === "run" ? [step.text] : []));
    expect(runs).toEqual(["npm run db:generate -- --name notifications\n"]);
  });
});

describe("a recipe's steps", () => {
  it("reads files, diffs and commands, and shows the rest", () => {
    const page = [
      "```ts a/b.ts",
      "export const b = 1;",
      "```",
      "```sh",
      "npm test",
      "```",
      "```diff",
      "--- a/x.ts",
      "+++ b/x.ts",
      "```",
      "```sh run",
      "npm run db:generate",
      "```",
    ].join("\n");
    expect(recipeSteps(page)).toEqual([
      { kind: "file", path: "a/b.ts", text: "export const b = 1;\n" },
      { kind: "patch", text: "--- a/x.ts\n+++ b/x.ts\n" },
      { kind: "run", text: "npm run db:generate\n" },
    ]);
  });

  it("refuses a block that is never closed", () => {
    expect(() => recipeSteps("```ts a.ts\nconst a = 1;\n")).toThrow("never closed");
  });
});
