import { describe, expect, it } from "vitest";
import { clientIp, normalizeAddress, throttleKey, UNKNOWN_CLIENT } from "@/lib/http/client-ip";

const PEER = "203.0.113.7";

function client(peer: string | undefined, forwardedFor: string | null, trustedProxyHops = 0) {
  return clientIp({ peer, forwardedFor, trustedProxyHops });
}

describe("clientIp", () => {
  it("is the peer address with no trusted proxy, whatever X-Forwarded-For says", () => {
    expect(client(PEER, null)).toBe(PEER);
    expect(client(PEER, "198.51.100.1")).toBe(PEER);
    expect(client(PEER, "198.51.100.1, 198.51.100.2")).toBe(PEER);
  });

  it("shares one key among requests whose peer is not known, rather than trust the client", () => {
    expect(client(undefined, "198.51.100.1")).toBe(UNKNOWN_CLIENT);
    expect(client("", null)).toBe(UNKNOWN_CLIENT);
  });

  it("is the n-th address from the right behind n proxies that append", () => {
    // The client sent "1.1.1.1"; proxy 1 appended 198.51.100.9, the address it was reached from.
    const chain = "1.1.1.1, 198.51.100.9";
    expect(client("10.0.0.2", chain, 1)).toBe("198.51.100.9");
    // Proxy 2 appended proxy 1's address, 10.0.0.1.
    expect(client("10.0.0.3", `${chain}, 10.0.0.1`, 2)).toBe("198.51.100.9");
  });

  it("falls back to the leftmost entry, then the peer, when the header is shorter", () => {
    expect(client("10.0.0.3", "198.51.100.9", 2)).toBe("198.51.100.9");
    expect(client("10.0.0.3", " , ", 1)).toBe("10.0.0.3");
    expect(client("10.0.0.3", null, 1)).toBe("10.0.0.3");
    expect(client(undefined, null, 1)).toBe(UNKNOWN_CLIENT);
  });

  it("reads IPv4-mapped IPv6 addresses as IPv4", () => {
    expect(client("10.0.0.2", "::ffff:198.51.100.9", 1)).toBe("198.51.100.9");
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("::FFFF:127.0.0.2")).toBe("127.0.0.2");
    expect(normalizeAddress("::ffff:7f00:1")).toBe("::ffff:7f00:1");
    expect(normalizeAddress("2001:db8::1")).toBe("2001:db8::1");
  });
});

describe("throttleKey", () => {
  it("is an IPv4 address itself, also when it arrives IPv4-mapped", () => {
    expect(throttleKey("203.0.113.7")).toBe("203.0.113.7");
    expect(throttleKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("is the /64 of an IPv6 address, however the address is written", () => {
    const key = "2001:db8:1:2::/64";
    expect(throttleKey("2001:db8:1:2::1")).toBe(key);
    expect(throttleKey("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).toBe(key);
    expect(throttleKey("2001:db8:1:2:abcd:0:0:9")).toBe(key);
    expect(throttleKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
  });

  it("leaves a value that is no address as it is", () => {
    expect(throttleKey(UNKNOWN_CLIENT)).toBe(UNKNOWN_CLIENT);
    expect(throttleKey("attacker")).toBe("attacker");
  });
});
