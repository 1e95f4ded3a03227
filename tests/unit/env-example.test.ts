import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema, launcherEnvSchema } from "@/lib/env-schema";

const example = readFileSync(".env.example", "utf8");
const documented = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((match) => match[1]));

describe(".env.example", () => {
  it.each([
    ...Object.keys(envSchema.shape).filter((name) => name !== "NODE_ENV"),
    ...Object.keys(launcherEnvSchema.shape),
  ])("documents %s with a comment", (name) => {
    expect(documented.has(name)).toBe(true);
    const line = example.split("\n").findIndex((text) => text.startsWith(`${name}=`));
    expect(example.split("\n")[line - 1]).toMatch(/^#|^[A-Z_]+=$/);
  });

  it("sets no value, so that copying it changes nothing", () => {
    expect(example).not.toMatch(/^[A-Z_]+=.+$/m);
  });
});
