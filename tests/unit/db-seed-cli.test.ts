import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// `npm run db:seed` writes the demo accounts, whose password is published: where the environment
// is a deployment's, it asks first, and writes nothing until asked with --yes.

const dataDir = mkdtempSync(path.join(tmpdir(), "rtauth-db-seed-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function dbSeed(args: string[], env: Record<string, string>) {
  const result = spawnSync(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/db-seed.ts", ...args],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, ...env } },
  );
  return { code: result.status, output: result.stdout + result.stderr };
}

describe("npm run db:seed", { timeout: 120_000 }, () => {
  it("asks first under a public AUTH_URL, though the database is this machine's", () => {
    const refused = dbSeed([], { AUTH_URL: "https://chat.example.com" });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("AUTH_URL names a public site");
    expect(refused.output).toContain("npm run db:seed -- --yes");
    expect(refused.output).not.toMatch(/\n\s+at /);
    // Nothing was opened, so nothing was written.
    expect(existsSync(path.join(dataDir, "pglite"))).toBe(false);
  });

  it("asks first for a database that is not this machine's", () => {
    const refused = dbSeed([], { DATABASE_URL: "postgres://app@db.example.com:5432/app" });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("DATABASE_URL is not this machine's database");
  });

  it("seeds a local trial run without asking", () => {
    const seeded = dbSeed([], { AUTH_URL: "" });
    expect(seeded.code).toBe(0);
    expect(seeded.output).toMatch(/Created: alice, bob, carol|already exist/);
  });
});
