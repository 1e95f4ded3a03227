import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { anchors, brokenLinks, docFiles, links, slug } from "./markdown";

// Every relative link of the README and of docs/ leads somewhere: to a file of this tree, and to a
// heading of it when the link names one.

const root = process.cwd();

describe("the README's and docs/'s links", () => {
  it("finds the README and the docs' index", () => {
    expect(docFiles(root)).toEqual(expect.arrayContaining(["README.md", "docs/README.md"]));
  });

  it.each(docFiles(root))("%s: every relative link resolves", (file) => {
    expect(brokenLinks(root, file)).toEqual([]);
  });
});

describe("the link checker", () => {
  const tree = mkdtempSync(join(tmpdir(), "docs-links-"));
  mkdirSync(join(tree, "docs"));
  mkdirSync(join(tree, "app", "(home)"), { recursive: true });
  writeFileSync(join(tree, "app", "(home)", "layout.tsx"), "");
  writeFileSync(join(tree, "docs", "deploy.md"), "# Deploy\n\n## What CI proves\n\n## Deploy\n");

  const check = (text: string) => {
    writeFileSync(join(tree, "docs", "page.md"), text);
    return brokenLinks(tree, "docs/page.md");
  };

  it("passes links that resolve, with parentheses, anchors and other sites", () => {
    expect(
      check(
        [
          "# Page",
          "[`app/(home)/layout.tsx`](../app/(home)/layout.tsx), [CI](deploy.md#what-ci-proves),",
          "[again](deploy.md#deploy-1), [up](#page), [site](https://example.com/x#y), ![p](deploy.md)",
        ].join("\n"),
      ),
    ).toEqual([]);
  });

  it("fails a link to a file that is not there", () => {
    expect(check("See [the page](gone.md).")).toEqual(["docs/page.md:1 (gone.md): no such file"]);
  });

  it("fails a path written from the root instead of from docs/", () => {
    expect(check("[layout](app/(home)/layout.tsx)")).toHaveLength(1);
  });

  it("fails an anchor that no heading makes", () => {
    expect(check("# Page\n[x](deploy.md#how-to-deploy) [y](#nowhere)")).toEqual([
      "docs/page.md:2 (deploy.md#how-to-deploy): no heading makes #how-to-deploy",
      "docs/page.md:2 (#nowhere): no heading makes #nowhere",
    ]);
  });

  it("ignores code: fenced blocks and inline spans", () => {
    expect(check("```\n[x](missing.md)\n```\n`[y](missing.md)`")).toEqual([]);
  });

  it("reads links with code in their text", () => {
    expect(links("[`a](b`](c.md) and [d](e.md)").map((link) => link.target)).toEqual([
      "c.md",
      "e.md",
    ]);
  });

  it("makes GitHub's anchors", () => {
    expect(slug("`/app` against the floor")).toBe("app-against-the-floor");
    expect(slug("How it works: your backend")).toBe("how-it-works-your-backend");
    expect(slug("Passwords, throttling, keys and webhooks")).toBe(
      "passwords-throttling-keys-and-webhooks",
    );
    expect([...anchors("# A\n## A\n```\n# B\n```")]).toEqual(["a", "a-1"]);
  });
});
