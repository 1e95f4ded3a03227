import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// `npm run user:create` as a deploy script runs it: the password on stdin, never in argv.

const dataDir = mkdtempSync(path.join(tmpdir(), "rtauth-user-create-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function userCreate(args: string[], stdin: string) {
  const result = spawnSync(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/user-create.ts", ...args],
    {
      input: stdin,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir },
    },
  );
  return { code: result.status, output: result.stdout + result.stderr };
}

// Each run starts PGlite and checks the migrations: seconds, more on a busy machine.
describe("npm run user:create", { timeout: 120_000 }, () => {
  it("creates the first admin from a password on stdin, then sets a new one", () => {
    const created = userCreate(["--admin", "--username", "ops"], "a-long-enough-password\n");
    expect(created).toMatchObject({ code: 0 });
    expect(created.output).toContain("Created admin ops.");

    const again = userCreate(["--username", "ops"], "another-long-password");
    expect(again).toMatchObject({ code: 0 });
    expect(again.output).toContain(
      "ops existed: new password set, every session ended; role admin.",
    );
  });

  it("explains bad input and exits non-zero, without a stack trace", () => {
    const short = userCreate(["--admin"], "short\n");
    expect(short.code).toBe(1);
    expect(short.output).toContain("Password must be at least 12 characters");

    const empty = userCreate(["--admin"], "");
    expect(empty.code).toBe(1);
    expect(empty.output).toContain("No password on stdin.");

    const unnamed = userCreate([], "a-long-enough-password");
    expect(unnamed.code).toBe(2);
    expect(unnamed.output).toContain("Name the user with --username.");

    for (const { output } of [short, empty, unnamed]) expect(output).not.toMatch(/^\s+at /m);
  });
});
