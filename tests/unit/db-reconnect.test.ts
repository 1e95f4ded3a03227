import { describe, expect, it } from "vitest";
import { reconnectDelaySeconds } from "@/lib/db/connect";

// postgres.js's own backoff reaches 20 s after a handful of failed attempts, and the app then
// stays down that long after the database is back (failures.spec.ts prints how long it takes).
describe("the pool's wait before reconnecting", () => {
  it("grows with failed attempts, and never past 2 s however long the outage", () => {
    const longest = (attempt: number) => reconnectDelaySeconds(attempt, 1);
    expect(longest(1)).toBeLessThan(longest(3));
    expect(longest(3)).toBeLessThan(longest(5));
    for (const attempt of [6, 7, 10, 50, 1000]) expect(longest(attempt)).toBe(2);
  });

  it("is jittered: between half and all of the step", () => {
    expect(reconnectDelaySeconds(10, 0)).toBe(1);
    expect(reconnectDelaySeconds(10, 0.5)).toBe(1.5);
  });
});
