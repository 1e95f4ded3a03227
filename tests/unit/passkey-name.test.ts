import { describe, expect, it } from "vitest";
import { passkeyNameSchema } from "@/lib/credentials/passkey/responses";

// A passkey's name is shown on /account as its owner typed it: React escapes markup, but nothing
// escapes the characters that reorder or hide text.

describe("a passkey's name", () => {
  it("is trimmed, and holds 1 to 64 characters", () => {
    expect(passkeyNameSchema.parse("  Chrome on Linux  ")).toBe("Chrome on Linux");
    expect(passkeyNameSchema.safeParse("   ").success).toBe(false);
    expect(passkeyNameSchema.safeParse("x".repeat(65)).success).toBe(false);
  });

  it("refuses control and format characters, such as a right-to-left override", () => {
    for (const name of ["laptop\u202Etxt.exe", "zero\u200Bwidth", "bell\u0007", "new\nline"]) {
      const parsed = passkeyNameSchema.safeParse(name);
      expect(parsed.success, JSON.stringify(name)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("A passkey's name has an invisible character.");
    }
    expect(passkeyNameSchema.parse("Clé de Zoë 🔑")).toBe("Clé de Zoë 🔑");
  });
});
