import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRealtimeClient, type RealtimeObservation } from "@/lib/realtime/client/client";

// The real client in Node, against a local HTTP server that hands out tickets: its HTTP calls are
// observations that need no realtime server (no socket is opened until start() or join()).

let issued = 0;
const server = createServer((request, response) => {
  request.resume();
  response.setHeader("Content-Type", "application/json");
  response.end(JSON.stringify({ userTicket: `ticket-${++issued}`, expiresAt: "2030-01-01" }));
});
let baseUrl = "";

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

function client() {
  return createRealtimeClient({
    appKey: "observe-test",
    capabilities: { cluster: "mt1", useTLS: false, baseUrl },
  });
}

describe("RealtimeClient.observe", () => {
  it("replays the 200 most recent observations, oldest first, then delivers new ones", async () => {
    const realtime = client();
    for (let i = 0; i < 2; i++) {
      await realtime.newUser({ username: "carol", password: "a-long-enough-password" });
    }
    for (let i = 0; i < 199; i++) await realtime.requestTicket();

    const seen: RealtimeObservation[] = [];
    realtime.observe((observation) => seen.push(observation));
    // 201 calls were made: the first is gone, the second (credentials) leads.
    expect(seen).toHaveLength(200);
    expect(seen[0]).toMatchObject({ type: "http", step: "credentials" });
    expect(seen.slice(1).every((o) => o.type === "http" && o.step === "ticket")).toBe(true);
    expect(seen[1]).toMatchObject({
      call: { method: "POST", path: "/api/realtime/tickets", status: 200 },
    });
    const times = seen.map((o) => o.at);
    expect(times.every((at) => new Date(at).toISOString() === at)).toBe(true);
    expect([...times].sort()).toEqual(times);

    await realtime.requestTicket();
    expect(seen).toHaveLength(201);
    expect(seen.at(-1)).toMatchObject({ type: "http", step: "ticket" });
  });

  it("holds no tickets or credentials", async () => {
    const realtime = client();
    const ticket = await realtime.newUser({ username: "dave", password: "secret-password-42" });
    const { userTicket } = await realtime.requestTicket();
    const seen: RealtimeObservation[] = [];
    realtime.observe((observation) => seen.push(observation));
    expect(seen).toHaveLength(2);
    const text = JSON.stringify(seen);
    for (const secret of [ticket, userTicket, "secret-password-42"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("ignores a listener that throws, and stops one that is removed", async () => {
    const realtime = client();
    await realtime.requestTicket();
    realtime.observe(() => {
      throw new Error("a broken devtool");
    });
    const seen: RealtimeObservation[] = [];
    const stop = realtime.observe((observation) => seen.push(observation));
    await expect(realtime.requestTicket()).resolves.toMatchObject({ expiresAt: "2030-01-01" });
    expect(seen).toHaveLength(2);

    stop();
    await realtime.requestTicket();
    expect(seen).toHaveLength(2);
  });
});
