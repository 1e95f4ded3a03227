import { describe, expect, it } from "vitest";
import { approximateAddress, showAddress } from "@/lib/http/approximate-address";

// Devices and the activity log show where a session came from only approximately; a session from
// this very machine says so instead of showing the loopback network as if it were a place.

describe("an approximate address", () => {
  it.each([
    ["203.0.113.7", "203.0.113.0/24"],
    ["::ffff:198.51.100.9", "198.51.100.0/24"],
    ["2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::/48"],
    ["2001:db8::1", "2001:db8::/48"],
    // Not loopback, though close to it: each keeps its prefix.
    ["128.0.0.1", "128.0.0.0/24"],
    ["::2", "::/48"],
    ["::", "::/48"],
    ["0:0:0:0:0:1:0:1", "::/48"],
    // Loopback: the loopback network, whatever the spelling.
    ["127.0.0.1", "127.0.0.0/8"],
    ["127.45.6.7", "127.0.0.0/8"],
    ["::ffff:127.0.0.1", "127.0.0.0/8"],
    ["::1", "::1/128"],
    ["0:0:0:0:0:0:0:1", "::1/128"],
    ["unknown", null],
    ["", null],
    [null, null],
  ])("%j is %j", (address, prefix) => {
    expect(approximateAddress(address)).toBe(prefix);
  });
});

describe("an approximate address, as pages show it", () => {
  it.each([
    ["127.0.0.1", "this machine (localhost)", "this machine (localhost)"],
    ["::1", "this machine (localhost)", "this machine (localhost)"],
    ["203.0.113.7", "203.0.113.0/24", "203.0.113.0/24 (IPv4 /24, the last part hidden)"],
    ["2001:db8::1", "2001:db8::/48", "2001:db8::/48 (IPv6 /48, the rest hidden)"],
    ["::2", "::/48", "::/48 (IPv6 /48, the rest hidden)"],
    ["unknown", "unknown", "unknown"],
  ])("%j shows as %j, explained as %j", (address, short, explained) => {
    const prefix = approximateAddress(address);
    expect(showAddress(prefix)).toBe(short);
    expect(showAddress(prefix, "explained")).toBe(explained);
  });

  it("never shows a real address in full", () => {
    for (const address of ["198.51.100.23", "2001:db8:85a3:8d3:1319:8a2e:370:7348"]) {
      expect(showAddress(approximateAddress(address), "explained")).not.toContain(address);
    }
  });
});
