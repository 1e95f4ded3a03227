// Follows a recipe page of docs/ in the tree it runs in: writes each new file the page shows,
// applies each change it shows as a diff, runs each `sh run` block (scripts/recipe-steps.ts).
// CI runs it on the core alone, then the feature's tests (.ci/run):
//   npx tsx scripts/apply-recipe.ts docs/add-a-feature.md
import { execFileSync, execSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { patchedFiles, recipeSteps } from "./recipe-steps";

const page = process.argv[2];
if (!page) throw new Error("Usage: npx tsx scripts/apply-recipe.ts docs/<page>.md");

for (const step of recipeSteps(readFileSync(page, "utf8"))) {
  if (step.kind === "file") {
    // A recipe adds files: one that exists already means the page and the tree disagree.
    if (existsSync(step.path)) throw new Error(`${step.path} exists already.`);
    mkdirSync(dirname(step.path), { recursive: true });
    writeFileSync(step.path, step.text);
    console.log(`wrote    ${step.path}`);
  } else if (step.kind === "patch") {
    execFileSync("git", ["apply", "--verbose", "-"], { input: step.text, stdio: "pipe" });
    console.log(`changed  ${patchedFiles(step.text).join(", ")}`);
  } else {
    console.log(`run      ${step.text.trim()}`);
    execSync(step.text, { stdio: "inherit" });
  }
}
