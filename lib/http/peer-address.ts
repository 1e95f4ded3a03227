import "server-only";
import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { env } from "@/lib/env";
import { clientIp, normalizeAddress } from "@/lib/http/client-ip";

// Next.js gives route handlers no peer address, and fills X-Forwarded-For with it only when the
// client sent none. Node.js publishes every request on a diagnostics channel before the server
// emits it, so before Next.js reads it: the app writes the socket's address into a header there.

// Instrumentation and the route handlers are separate bundles, each with its own copy of this
// module, in one process: the header's name is shared through globalThis.
const HEADER_NAME = Symbol.for("realtime-auth-kit.peer-address-header");
const shared = globalThis as typeof globalThis & { [HEADER_NAME]?: string };

/** Called once, from instrumentation's register(). */
export function recordPeerAddresses(): void {
  // Next.js listens before it runs register(), so it may take requests in before this runs.
  // A name chosen at random per process is one that none of them can carry, whatever the client
  // sent: they count as an unknown client instead of one of their choosing.
  const header = `x-peer-address-${randomBytes(16).toString("hex")}`;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    if (socket.remoteAddress) request.headers[header] = normalizeAddress(socket.remoteAddress);
  });
  shared[HEADER_NAME] = header;
}

/** The address of the socket the request came on, when the server recorded it. */
export function peerAddress(headers: Headers): string | undefined {
  const header = shared[HEADER_NAME];
  return (header && headers.get(header)) || undefined;
}

/** The key of the per-client limits for a request: see lib/http/client-ip.ts. */
export function requestClient(headers: Headers): string {
  return clientIp({
    peer: peerAddress(headers),
    forwardedFor: headers.get("x-forwarded-for"),
    trustedProxyHops: env().TRUSTED_PROXY_HOPS,
  });
}
