import { afterEach, describe, expect, it, vi } from "vitest";
import { reportRequestError } from "@/lib/observability/request-errors";

// instrumentation.ts's onRequestError: the route's pattern, never the path's values or the error's
// message, which may quote an input.

describe("onRequestError", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("reports the route, its kind, the method, the error's class and digest, and no message", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => {
      logged.push(line);
    });
    const error = Object.assign(new TypeError("password=hunter2 was refused"), { digest: "42" });
    await reportRequestError(
      error,
      { path: "/api/account/devices/abc?token=secret", method: "DELETE", headers: {} },
      {
        routerKind: "App Router",
        routePath: "/api/account/devices/[id]",
        routeType: "route",
        revalidateReason: undefined,
      },
    );
    expect(logged).toEqual([
      "Request error: DELETE /api/account/devices/[id] (route): TypeError, digest 42",
    ]);
  });
});
