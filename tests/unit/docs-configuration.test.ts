import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema, launcherEnvSchema } from "@/lib/env-schema";
import { tableUnder } from "./markdown";

// docs/configuration.md's table of variables and the one list of them (lib/env-variables.ts)
// stay in step, as tests/unit/env-example.test.ts keeps .env.example: every variable the schema
// reads has a row, and every row names a variable the schema reads.

const TABLE_HEADING = "Every variable";
const rows = tableUnder(readFileSync("docs/configuration.md", "utf8"), TABLE_HEADING);
/** The variables a row documents: every `NAME` in its first cell. */
const named = (cell: string) =>
  [...cell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].flatMap((match) => match[1] ?? []);
const documented = rows.slice(1).flatMap((cells) => named(cells[0] ?? ""));
const read = [...Object.keys(envSchema.shape), ...Object.keys(launcherEnvSchema.shape)];

describe("docs/configuration.md", () => {
  it(`has the table under "${TABLE_HEADING}", with a default and a purpose for each row`, () => {
    expect(rows[0]).toEqual(["variable", "default", "purpose"]);
    for (const cells of rows.slice(1)) {
      expect(cells, cells[0]).toHaveLength(3);
      expect(named(cells[0] ?? "").length, cells[0]).toBeGreaterThan(0);
      expect(cells[1], cells[0]).not.toBe("");
      expect(cells[2], cells[0]).not.toBe("");
    }
  });

  it.each([...new Set(read)])("documents %s", (name) => {
    expect(documented).toContain(name);
  });

  it("documents only variables that lib/env-schema.ts reads, each once", () => {
    expect(documented.filter((name) => !read.includes(name))).toEqual([]);
    expect(documented.filter((name, index) => documented.indexOf(name) !== index)).toEqual([]);
  });
});
