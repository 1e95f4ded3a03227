import { describe, expect, it } from "vitest";
import { passwordSchema, signUpSchema, usernameSchema } from "@/lib/credentials/validation";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

describe("usernameSchema", () => {
  it.each(["bob", "a_b-c", "x".repeat(32), "  Alice  "])("accepts %j", (name) => {
    expect(usernameSchema.safeParse(name).success).toBe(true);
  });

  it.each(["ab", "x".repeat(33), "bob smith", "bob@github", "émile", "a/b"])(
    "rejects %j",
    (name) => {
      expect(usernameSchema.safeParse(name).success).toBe(false);
    },
  );

  it("normalises case and surrounding space", () => {
    expect(usernameSchema.parse("  Alice ")).toBe("alice");
  });
});

describe("passwordSchema", () => {
  it("accepts 12 to 128 characters", () => {
    expect(passwordSchema.safeParse("x".repeat(12)).success).toBe(true);
    expect(passwordSchema.safeParse("x".repeat(128)).success).toBe(true);
    expect(passwordSchema.safeParse("x".repeat(11)).success).toBe(false);
    expect(passwordSchema.safeParse("x".repeat(129)).success).toBe(false);
  });
});

describe("signUpSchema", () => {
  it("reports each bad field with a message", () => {
    const result = signUpSchema.safeParse({ username: "a", password: "short" });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => [issue.path[0], issue.message]);
    expect(messages).toEqual([
      ["username", "Username must be at least 3 characters"],
      ["password", "Password must be at least 12 characters"],
    ]);
  });
});

describe("safeRedirectPath", () => {
  it.each([
    ["/app", "/app"],
    ["/app?x=1", "/app?x=1"],
    ["//evil.example", "/app"],
    ["/\\evil.example", "/app"],
    ["https://evil.example", "/app"],
    [undefined, "/app"],
    [["/a"], "/app"],
  ])("%j → %j", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});

describe("names", () => {
  it("refuses control characters, which the database cannot store", () => {
    const base = { username: "someone", password: "a-long-enough-password" };
    expect(signUpSchema.safeParse({ ...base, name: "Dora Explorer" }).success).toBe(true);
    for (const name of ["x\u0000y", "line\nbreak", "tab\there"]) {
      expect(signUpSchema.safeParse({ ...base, name }).success).toBe(false);
    }
  });
});
