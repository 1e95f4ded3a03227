import { describe, expect, it } from "vitest";
import { refuseCrossSite } from "@/lib/http/guards";
import { isRebound } from "@/lib/http/rebinding";

// DNS rebinding: the local app (loopback only, no AUTH_URL) answers only to the names a browser
// uses for this machine; a deployment's Host is its proxy's business.

const local = { HOSTNAME: "127.0.0.1" };

describe("isRebound", () => {
  it.each(["localhost:3000", "127.0.0.1:3000", "127.9.9.9", "[::1]:3000", "localhost"])(
    "takes %s in local mode",
    (host) => {
      expect(isRebound(host, local)).toBe(false);
    },
  );

  it.each([
    "rebind.evil.example:3000",
    "192.168.1.20:3000",
    "localhost.evil.example",
    "[2001:db8::1]:3000",
    "bad host",
  ])("refuses %s in local mode", (host) => {
    expect(isRebound(host, local)).toBe(true);
  });

  it("stands aside in a deployment: AUTH_URL set, or listening beyond loopback", () => {
    const rebound = "rebind.evil.example:3000";
    expect(isRebound(rebound, { ...local, AUTH_URL: "https://app.example" })).toBe(false);
    expect(isRebound(rebound, { HOSTNAME: "0.0.0.0" })).toBe(false);
    expect(isRebound(rebound, {})).toBe(false);
  });

  it("refuses the service flow's sign-in from a rebound page, before the Origin check", async () => {
    const request = new Request("http://127.0.0.1:3000/api/realtime/service/sessions", {
      method: "POST",
      headers: { host: "rebind.evil.example:3000", origin: "http://rebind.evil.example:3000" },
    });
    const refused = refuseCrossSite(request, local);
    expect(refused?.status).toBe(403);
    expect(await refused?.json()).toMatchObject({ error: "untrusted_host" });
    const same = new Request("http://127.0.0.1:3000/x", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" },
    });
    expect(refuseCrossSite(same, local)).toBeNull();
  });
});
