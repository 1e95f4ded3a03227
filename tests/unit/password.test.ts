import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/credentials/password/hash";

describe("passwords", () => {
  it("hashes with argon2id and OWASP's parameters", async () => {
    const hash = await hashPassword("correct-horse-battery-staple");
    expect(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
  });

  it("verifies the right password only", async () => {
    const hash = await hashPassword("correct-horse-battery-staple");
    expect(await verifyPassword(hash, "correct-horse-battery-staple")).toBe(true);
    expect(await verifyPassword(hash, "wrong-horse-battery-staple")).toBe(false);
  });

  it("fails when there is no stored hash (an unknown user, or one who signs in with GitHub)", async () => {
    expect(await verifyPassword(null, "dummy password that never matches anything")).toBe(false);
    expect(await verifyPassword(null, "")).toBe(false);
  });
});
