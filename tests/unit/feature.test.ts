import { describe, expect, it } from "vitest";
import { coreChannelKinds } from "@/lib/channels/policy";
import { composeFeatures, type Feature, visibleLinks } from "@/lib/feature";

// How features.ts composes the app's features: their channel kinds and their links in the header.

const first: Feature = {
  name: "first",
  channelKinds: coreChannelKinds.slice(0, 1),
  navLinks: [{ href: "/app/first", label: "First", audience: "signed-in" }],
};
const second: Feature = {
  name: "second",
  navLinks: [{ href: "/admin/second", label: "Second", audience: "admin" }],
};

describe("composeFeatures", () => {
  it("collects the features' channel kinds and links, in order", () => {
    const app = composeFeatures([first, second]);
    expect(app.channelKinds).toEqual(first.channelKinds);
    expect(app.navLinks.map((link) => link.label)).toEqual(["First", "Second"]);
  });

  it("is empty with no feature", () => {
    const core = composeFeatures([]);
    expect([core.channelKinds, core.navLinks]).toEqual([[], []]);
  });

  it("refuses a feature listed twice, and a link off the site", () => {
    expect(() => composeFeatures([first, first])).toThrow("A feature is listed twice: first");
    for (const href of ["https://example.com", "//example.com/x", "app"]) {
      const link = { href, label: "Away", audience: "everyone" as const };
      expect(() => composeFeatures([{ name: "away", navLinks: [link] }])).toThrow(href);
    }
  });
});

describe("visibleLinks", () => {
  const links = [
    { href: "/a", label: "Everyone", audience: "everyone" },
    { href: "/b", label: "Signed in", audience: "signed-in" },
    { href: "/c", label: "Admins", audience: "admin" },
  ] as const;
  const labels = (role: "user" | "admin" | undefined) =>
    visibleLinks(links, role).map((link) => link.label);

  it("shows a visitor the links for everyone, a user the signed-in ones too, an admin all", () => {
    expect(labels(undefined)).toEqual(["Everyone"]);
    expect(labels("user")).toEqual(["Everyone", "Signed in"]);
    expect(labels("admin")).toEqual(["Everyone", "Signed in", "Admins"]);
  });
});
