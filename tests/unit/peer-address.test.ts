import { once } from "node:events";
import { createServer, type IncomingMessage, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { peerAddress, recordPeerAddresses } from "@/lib/http/peer-address";

// A real server listening as `next start` does (dual-stack where IPv6 exists), whose handler, like
// Next.js's, waits until the app is ready: the peer address it finds in the request's headers.
let ready: () => void = () => {};
const started = new Promise<void>((resolve) => {
  ready = resolve;
});
const server = createServer(async (req, res) => {
  await started;
  res.end(peerAddress(webHeaders(req)) ?? "none");
});

function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) headers.set(name, String(value));
  return headers;
}

function peerSeen(localAddress: string, headers: Record<string, string> = {}): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, localAddress, headers }, async (res) => {
      let body = "";
      for await (const chunk of res) body += chunk;
      resolve(body);
    })
      .on("error", reject)
      .end();
  });
}

describe("recordPeerAddresses", () => {
  let early: Promise<string>;

  beforeAll(async () => {
    server.listen(0);
    await once(server, "listening");
    // Taken in before the app records addresses, as Next.js may between listening and register().
    const received = once(server, "request");
    early = peerSeen("127.0.0.9", { "x-peer-address": "198.51.100.1" });
    await received;
    recordPeerAddresses();
    ready();
  });
  afterAll(() => server.close());

  it("tells the handler each request's own peer address, as IPv4", async () => {
    expect(await peerSeen("127.0.0.2")).toBe("127.0.0.2");
    expect(await peerSeen("127.0.0.3")).toBe("127.0.0.3");
  });

  it("cannot be told another address by the client", async () => {
    const forged = { "x-peer-address": "198.51.100.1", "x-forwarded-for": "198.51.100.2" };
    expect(await peerSeen("127.0.0.4", forged)).toBe("127.0.0.4");
  });

  it("knows no address for a request taken in before it ran, whatever the client sent", async () => {
    expect(await early).toBe("none");
  });
});
