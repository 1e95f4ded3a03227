import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { docFiles } from "../markdown";

// demo:remove strips from a line <!-- demo --> to the next line <!-- /demo --> in these files: a
// marker left open, or closed twice, would strip the core's text or leave the demo's. The links
// of what is left are checked on the stripped tree (CI runs the unit tests there too).

const files = [...docFiles(process.cwd()), "SECURITY.md"];

describe("the demo's sections of the docs", () => {
  it.each(files)("%s: every demo section is closed, none nested", (file) => {
    let open = 0;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "<!-- demo -->") open += 1;
      if (line.trim() === "<!-- /demo -->") open -= 1;
      expect(open === 0 || open === 1, line).toBe(true);
    }
    expect(open).toBe(0);
  });
});
