import { describe, expect, it } from "vitest";
import {
  isWithinWindow,
  WEBHOOK_WINDOW_MS,
  webhookDeliverySchema,
} from "@/lib/realtime/server/webhooks";

const NOW = Date.UTC(2026, 0, 1);
const event = { name: "channel_occupied", channel: "private-user-1" };

describe("webhook deliveries", () => {
  it("accepts what the realtime server sends, keeping only the fields the app reads", () => {
    const delivery = webhookDeliverySchema.parse({
      time_ms: NOW,
      events: [
        event,
        { name: "member_added", channel: "presence-room-lobby", user_id: "u1", extra: 1 },
      ],
    });
    expect(delivery.events[1]).toEqual({
      name: "member_added",
      channel: "presence-room-lobby",
      user_id: "u1",
    });
  });

  it.each([
    ["no time", { events: [event] }],
    ["a time that is not a number", { time_ms: String(NOW), events: [event] }],
    ["no events", { time_ms: NOW }],
    ["events that are not a list", { time_ms: NOW, events: event }],
    ["an event without a channel", { time_ms: NOW, events: [{ name: "channel_occupied" }] }],
    ["a numeric user id", { time_ms: NOW, events: [{ ...event, user_id: 7 }] }],
    [
      "a NUL in a channel",
      { time_ms: NOW, events: [{ ...event, channel: "private-user-\u0000" }] },
    ],
    ["a NUL in a user id", { time_ms: NOW, events: [{ ...event, user_id: "\u0000" }] }],
    ["too many events", { time_ms: NOW, events: Array.from({ length: 1_001 }, () => event) }],
    ["a ticket's payload", { identity: { type: "username", endpoint: "u1" }, created: NOW }],
  ])("refuses %s", (_, body) => {
    expect(webhookDeliverySchema.safeParse(body).success).toBe(false);
  });

  it(`takes deliveries up to ${WEBHOOK_WINDOW_MS / 60_000} minutes old or ahead, and no further`, () => {
    const at = (time_ms: number) => isWithinWindow({ time_ms, events: [] }, NOW);
    expect(WEBHOOK_WINDOW_MS).toBe(5 * 60 * 1000);
    expect(at(NOW)).toBe(true);
    expect(at(NOW - WEBHOOK_WINDOW_MS)).toBe(true);
    expect(at(NOW + WEBHOOK_WINDOW_MS)).toBe(true);
    expect(at(NOW - WEBHOOK_WINDOW_MS - 1)).toBe(false);
    expect(at(NOW + WEBHOOK_WINDOW_MS + 1)).toBe(false);
    expect(at(0)).toBe(false);
  });
});
