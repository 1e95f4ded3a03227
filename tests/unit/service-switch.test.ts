import { describe, expect, it } from "vitest";
import { defaultServiceAuth } from "@/lib/credentials/service/switch";

describe("the service-authentication default", () => {
  it("is on with the bundled realtime server and off with an external one", () => {
    expect(defaultServiceAuth({ REALTIME_SERVER: "bundled" })).toBe(true);
    expect(defaultServiceAuth({ REALTIME_SERVER: "external" })).toBe(false);
  });

  it("follows SERVICE_AUTH when it is set", () => {
    expect(defaultServiceAuth({ REALTIME_SERVER: "bundled", SERVICE_AUTH: "off" })).toBe(false);
    expect(defaultServiceAuth({ REALTIME_SERVER: "external", SERVICE_AUTH: "on" })).toBe(true);
  });
});
