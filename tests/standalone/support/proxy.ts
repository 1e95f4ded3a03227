import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";

// The standalone suite's stand-in for the checklist's Caddy (docs/deploy.md, step 7): a reverse
// proxy on loopback that passes requests and WebSocket upgrades to a target on 127.0.0.1 with the
// headers Caddy's `reverse_proxy` sets. Plain HTTP: this machine has no certificate for the
// doc's names, so the suite's AUTH_URL and PUSHER_USE_TLS say http.

/** Caddy's headers: the client's address (replacing what the client sent), scheme and host. */
function forwarded(headers: IncomingHttpHeaders, peer: string | undefined): IncomingHttpHeaders {
  return {
    ...headers,
    "x-forwarded-for": peer ?? "",
    "x-forwarded-proto": "http",
    "x-forwarded-host": headers.host ?? "",
  };
}

export type Proxy = { close: () => Promise<void> };

export function startProxy(port: number, target: number): Promise<Proxy> {
  // Upgraded sockets leave the server's connections: closing must end them itself.
  const upgraded = new Set<{ destroy: () => void }>();
  const server = createServer((request, response) => {
    const upstream = httpRequest(
      {
        host: "127.0.0.1",
        port: target,
        method: request.method,
        path: request.url,
        headers: forwarded(request.headers, request.socket.remoteAddress),
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  server.on("upgrade", (request, socket, head) => {
    const upstream = connect(target, "127.0.0.1", () => {
      upgraded.add(upstream).add(socket);
      const headers = forwarded(request.headers, request.socket.remoteAddress);
      const lines = Object.entries(headers).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value ?? ""]).map((one) => `${name}: ${one}`),
      );
      upstream.write(`${request.method} ${request.url} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () =>
      resolve({
        close: () =>
          new Promise((done) => {
            for (const socket of upgraded) socket.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
