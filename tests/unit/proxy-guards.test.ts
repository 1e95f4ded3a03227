import { describe, expect, it } from "vitest";
import { isMalformedPath } from "@/lib/http/malformed-path";
import { readBoundedBody, refuseArguments, refuseOrigin } from "@/lib/http/server-action-guard";

describe("a malformed path", () => {
  it.each(["/api/rooms/%ZZ/messages", "/api/auth/%", "/x/%C3%28", "/%E0%A4%A"])("%s", (path) => {
    expect(isMalformedPath(path)).toBe(true);
  });
  it.each(["/", "/api/rooms/caf%C3%A9/messages", "/a%20b", "/100%25"])("not %s", (path) => {
    expect(isMalformedPath(path)).toBe(false);
  });
});

describe("a server action's Origin", () => {
  const headers = (values: Record<string, string>) => new Headers({ host: "app.test", ...values });
  it("is this site's host, or not sent", () => {
    expect(refuseOrigin(headers({ origin: "https://app.test" }))).toBeNull();
    expect(refuseOrigin(headers({}))).toBeNull();
    expect(
      refuseOrigin(headers({ origin: "https://proxy.test", "x-forwarded-host": "proxy.test" })),
    ).toBeNull();
  });
  it.each(["null", "https://evil.test", "https://app.test.evil.test", "not a url"])(
    "not %s",
    (origin) => {
      expect(refuseOrigin(headers({ origin }))?.status).toBe(403);
    },
  );
});

describe("a server action's body", () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    new Request("http://app.test/", { method: "POST", body, headers });
  it("is read up to the limit, declared or not", async () => {
    expect(await readBoundedBody(post("1234"), 4)).toEqual(new TextEncoder().encode("1234"));
    expect(await readBoundedBody(post("12345"), 4)).toMatchObject({ status: 413 });
    expect(await readBoundedBody(post("1", { "content-length": "5" }), 4)).toMatchObject({
      status: 413,
    });
  });
  it("holds a JSON array of arguments, as text or as the form's field 0", async () => {
    const text = (value: string) => new TextEncoder().encode(value);
    const plain = "text/plain;charset=UTF-8";
    expect(
      await refuseArguments(
        text('["hi","$$5",{"at":"$D2026-12-07T00:00:00.000Z"},"$n12","$undefined","$-0"]'),
        plain,
      ),
    ).toBeNull();
    // References to other parts, which a text body has none of: Next.js answered them with a 500.
    for (const reference of ['["$K1"]', '["$1","x"]', '["$h9"]', '["$Q9"]', '[{"a":["$nzz"]}]'])
      expect(await refuseArguments(text(reference), plain), reference).toMatchObject({
        status: 400,
      });
    expect(await refuseArguments(text("not json"), "text/plain")).toMatchObject({ status: 400 });
    expect(await refuseArguments(text("{}"), "text/plain")).toMatchObject({ status: 400 });
    const form = new FormData();
    form.set("0", '["$K1"]');
    form.set("1_name", "x");
    const multipart = new Response(form);
    const type = multipart.headers.get("content-type") ?? "";
    const body = new Uint8Array(await multipart.arrayBuffer());
    expect(await refuseArguments(body, type)).toBeNull();
    expect(await refuseArguments(text("garbage"), type)).toMatchObject({ status: 400 });
  });
});
