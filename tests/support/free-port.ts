import net from "node:net";

// Ports for the test stacks are drawn below Linux's ephemeral range (32768–60999 by default).
// A port from listen(0) is in that range, and between the probe and the server's own listen
// any outgoing connection on the machine (a browser's, a client's) may take it as its local
// port: the server then fails with EADDRINUSE. Below the range, only another listener can.
const LOW = 20_000;
const HIGH = 32_000;
const handedOut = new Set<number>();

// Playwright's workers start servers at the same time, and each process only knows the ports it
// handed out itself: each worker draws from a slice of its own, so that two cannot both find a
// port free and then race to listen on it. Elsewhere (the runner's global setup, whose servers
// listen before any worker starts; vitest) the whole range.
const SLICE = 1_000;
const worker = process.env.TEST_PARALLEL_INDEX;
const FROM = worker === undefined ? LOW : LOW + (Number(worker) % ((HIGH - LOW) / SLICE)) * SLICE;
const SIZE = worker === undefined ? HIGH - LOW : SLICE;

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
    const port = FROM + Math.floor(Math.random() * SIZE);
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`No free port between ${FROM} and ${FROM + SIZE} after 200 tries.`);
}
