import { describe, expect, it } from "vitest";
import { type ChatMessage, directThread, leavesGap, mergeMessages } from "@/demo/lib/chat/messages";

const message = (seq: number): ChatMessage => ({
  seq,
  text: `#${seq}`,
  sentAt: "2026-01-01T00:00:00.000Z",
  sender: { id: "u", name: "U", username: "u" },
});

describe("mergeMessages", () => {
  it("orders by seq and keeps each seq once, whatever the arrival order", () => {
    const merged = mergeMessages(
      [message(1), message(2)],
      [message(4), message(2), message(3), message(4)],
    );
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });
});

describe("leavesGap", () => {
  it("spots a missed message", () => {
    expect(leavesGap(3, 4)).toBe(false);
    expect(leavesGap(3, 3)).toBe(false);
    expect(leavesGap(3, 6)).toBe(true);
  });
});

describe("directThread", () => {
  it("names one thread per pair, whoever writes first", () => {
    expect(directThread("b", "a")).toBe(directThread("a", "b"));
  });
});
