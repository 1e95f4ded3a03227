import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// npm 11 runs no dependency's install script unless package.json's allowScripts approves it, and
// warns about each one not listed there. Every one is listed (denied: nothing here needs one), so
// that `npm ci` is quiet and a new dependency with a script is a decision, made in review.

type Lock = { packages: Record<string, { hasInstallScript?: boolean }> };

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as Lock;

/** The names of the locked packages that have an install script, every platform's included. */
function withInstallScripts(): string[] {
  const names = Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
  return [...new Set(names)].sort();
}

describe("install scripts", () => {
  it("are each named in allowScripts, so that npm ci warns about none", () => {
    expect(withInstallScripts().length).toBeGreaterThan(0);
    expect(Object.keys(manifest.allowScripts ?? {}).sort()).toEqual(withInstallScripts());
  });

  // The Dockerfile's `npm ci --ignore-scripts` runs none either: what works here works there.
  it("are all denied: the kit needs none", () => {
    expect(Object.values(manifest.allowScripts ?? {})).not.toContain(true);
  });
});
