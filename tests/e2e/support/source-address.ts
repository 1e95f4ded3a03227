import { randomInt } from "node:crypto";
import { type IncomingHttpHeaders, request } from "node:http";
import { workerStack } from "./worker-stack";

// Requests to the e2e stack from a loopback address of the test's choosing. On Linux all of
// 127.0.0.0/8 is local, so each address is a client of its own to the app, which keys its
// per-client limits on the socket's peer address: the way an attacker with many addresses works.

export type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

/** An address in 127.0.0.0/8 other than 127.0.0.1, where the browsers and the other specs are. */
export function randomLoopback(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export function sendFrom(
  source: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  const { port } = new URL(workerStack().baseURL);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: init.method ?? "POST",
        headers: init.headers,
        localAddress: source,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response
          .on("data", (chunk: Buffer) => chunks.push(chunk))
          .on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          )
          .on("error", reject);
      },
    );
    outgoing.on("error", reject).end(init.body);
  });
}

/** POSTs `data` as JSON from `source`. */
export function postJsonFrom(
  source: string,
  path: string,
  data: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return sendFrom(source, path, {
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(data),
  });
}
