import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/app", "/app"],
    ["/admin?tab=users#top", "/admin?tab=users#top"],
    ["/quickstart", "/quickstart"],
    // Normalised the way a browser would, and so still on this site.
    ["/a/../app", "/app"],
    ["/caf\u00e9", "/caf%C3%A9"],
    ["/app?q=\u00e9", "/app?q=%C3%A9"],
  ])("keeps the same-origin path %j", (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
  });

  it.each([
    // What the hostile tester sent: browsers drop the tab and read //evil.example.
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "/%5c%5cevil.example",
    "https://evil.example/app",
    "javascript:alert(1)",
    "evil.example",
    "",
    "／／evil.example",
    "/app%0d%0aSet-Cookie:x=y",
    "/%E0%A4%A",
    "/x".repeat(2_000),
  ])("falls back for %j", (value) => {
    expect(safeRedirectPath(value)).toBe("/app");
  });

  it("falls back for anything that is not a string", () => {
    for (const value of [undefined, null, 1, ["/app", "/admin"], { toString: () => "/app" }]) {
      expect(safeRedirectPath(value)).toBe("/app");
    }
    expect(safeRedirectPath(undefined, "/account")).toBe("/account");
  });

  it("answers only ASCII, so the Location header is always valid", () => {
    for (const value of ["/\u2028", "/\u{1F600}", "/a b", "/\u0000"]) {
      const result = safeRedirectPath(value);
      expect(result).toMatch(/^[\x21-\x7e]+$/);
      expect(result.startsWith("/")).toBe(true);
      expect(result.startsWith("//")).toBe(false);
    }
  });
});
