import { isIPv4 } from "node:net";
import ipaddr from "ipaddr.js";

// Which client a request came from, as the key of the per-client limits. It must not be a value
// the client picks: X-Forwarded-For is whatever the client sent unless a proxy in front rewrites
// it, and Next.js fills it only when it is absent.

/** The key of every request whose address is not known: they share one budget. */
export const UNKNOWN_CLIENT = "unknown";

/** `::ffff:127.0.0.1`, as a dual-stack socket reports an IPv4 peer, is `127.0.0.1`. */
export function normalizeAddress(address: string): string {
  const mapped = address.slice("::ffff:".length);
  return address.toLowerCase().startsWith("::ffff:") && isIPv4(mapped) ? mapped : address;
}

/**
 * The client's address. With no trusted proxy (`trustedProxyHops` 0) it is the socket's peer.
 * Behind n proxies that each append the address they were reached from to X-Forwarded-For, it
 * is the n-th entry from the right; with fewer entries, the leftmost one (as Express's "trust
 * proxy" does with a hop count), then the peer.
 */
export function clientIp(request: {
  /** The socket's peer address, when the server recorded it. */
  peer: string | undefined;
  forwardedFor: string | null;
  trustedProxyHops: number;
}): string {
  const { peer, forwardedFor, trustedProxyHops: hops } = request;
  if (hops === 0) return peer || UNKNOWN_CLIENT;
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const address = entries.at(-hops) ?? entries[0] ?? peer;
  return address ? normalizeAddress(address) : UNKNOWN_CLIENT;
}

/**
 * The key that per-client limits count under. An IPv4 address is one client. An IPv6 address is
 * one of the 2^64 in its /64, which a single subscriber usually holds whole: counted by address,
 * one client could take a fresh budget at every request.
 */
export function throttleKey(client: string): string {
  if (!ipaddr.isValid(client)) return client;
  // process() turns an IPv4-mapped IPv6 address into the IPv4 one.
  const address = ipaddr.process(client);
  if (address.kind() === "ipv4") return address.toString();
  const network = [...address.toByteArray().slice(0, 8), 0, 0, 0, 0, 0, 0, 0, 0];
  return `${ipaddr.fromByteArray(network).toString()}/64`;
}
