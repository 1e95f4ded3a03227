import { isIPv4, isIPv6 } from "node:net";

// A device's address is shown only approximately: enough to tell "home" from "somewhere else",
// not enough to locate anyone. IPv4 keeps its /24 (the last byte masked), IPv6 its /48 (the
// site prefix; the subnet and interface parts masked), both written as CIDR prefixes. A loopback
// peer is this machine itself (a browser on it, or a proxy in front that TRUSTED_PROXY_HOPS does
// not trust): its prefix is the loopback network's, which pages show as such.

/** What approximateAddress gives for 127.0.0.0/8 and ::1 (and ::ffff:127.x.y.z). */
const LOOPBACK_PREFIXES = new Set(["127.0.0.0/8", "::1/128"]);

function ipv4Prefix(a: number, b: number, c: number): string {
  return a === 127 ? "127.0.0.0/8" : `${a}.${b}.${c}.0/24`;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail is converted), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().split("%")[0] ?? "";
  const v4 = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (v4?.[1] && v4[2]) {
    const bytes = v4[2].split(".").map(Number);
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    text = `${v4[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const part = (piece: string) =>
    piece ? piece.split(":").map((group) => Number.parseInt(group, 16)) : [];
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 0) return null;
  return [...left, ...Array<number>(Math.max(missing, 0)).fill(0), ...right];
}

/**
 * "203.0.113.0/24" for 203.0.113.7; "2001:db8:85a3::/48" for 2001:db8:85a3:8d3:…; the loopback
 * network for a loopback address ("127.0.0.0/8", "::1/128"); null for anything that is not an
 * address (a request whose peer was not recorded is stored as "unknown").
 */
export function approximateAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  if (isIPv4(address)) {
    const [a = 0, b = 0, c = 0] = address.split(".").map(Number);
    return ipv4Prefix(a, b, c);
  }
  if (isIPv6(address)) {
    const groups = ipv6Groups(address);
    if (!groups) return null;
    // ::ffff:a.b.c.d is an IPv4 peer seen through a dual-stack socket.
    if (groups.slice(0, 6).join(",") === "0,0,0,0,0,65535") {
      const [high = 0, low = 0] = groups.slice(6);
      return ipv4Prefix(high >> 8, high & 255, low >> 8);
    }
    if (groups.join(",") === "0,0,0,0,0,0,0,1") return "::1/128";
    const prefix = groups.slice(0, 3).map((group) => group.toString(16));
    // The shortest spelling: trailing zero groups of the prefix fold into "::".
    while (prefix.length > 0 && prefix.at(-1) === "0") prefix.pop();
    return `${prefix.join(":")}::/48`;
  }
  return null;
}

/**
 * An approximate address as pages show it: "unknown", "this machine (localhost)" for the loopback
 * network, else the prefix, `explained` adding what it hides.
 */
export function showAddress(prefix: string | null, how: "short" | "explained" = "short"): string {
  if (!prefix) return "unknown";
  if (LOOPBACK_PREFIXES.has(prefix)) return "this machine (localhost)";
  if (how === "short") return prefix;
  const hidden = prefix.includes(":")
    ? "IPv6 /48, the rest hidden"
    : "IPv4 /24, the last part hidden";
  return `${prefix} (${hidden})`;
}
