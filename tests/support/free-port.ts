import net from "node:net";

// Ports for the test stacks are drawn below Linux's ephemeral range (32768–60999 by default).
// A port from listen(0) is in that range, and between the probe and the server's own listen
// any outgoing connection on the machine (a browser's, a client's) may take it as its local
// port: the server then fails with EADDRINUSE. Below the range, only another listener can.
const LOW = 20_000;
const HIGH = 32_000;
const handedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    // No host: every address, as the app's own probe (scripts/processes.ts) and soketi listen.
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A TCP port that nothing listens on at this moment, and that this process has not handed out. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`No free port between ${LOW} and ${HIGH} after 200 tries.`);
}
