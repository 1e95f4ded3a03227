import { startExternalStack } from "../../tests/e2e/support/stack";
import { signInClients, waitFor } from "./fanout";

export type RestartResult = { clients: number; signedInAgain: number; recoveryMs: number };

/**
 * `count` signed-in clients on a soketi of the benchmark's own, which is killed and started
 * again: the time from the server being ready again to every client being signed in again.
 */
export async function realtimeRestart(count: number): Promise<RestartResult> {
  // Service authentication creates the users, as in the fan-out, behind a proxy as there.
  const stack = await startExternalStack("bench", { SERVICE_AUTH: "on", TRUSTED_PROXY_HOPS: "1" });
  const { realtime } = stack;
  const { clients } = await signInClients(
    {
      baseUrl: stack.baseURL.replace("localhost", "127.0.0.1"),
      soketiPort: realtime.port,
      appId: realtime.appId,
      key: realtime.key,
      secret: realtime.secret,
    },
    count,
  );
  const signedIn = () => clients.filter((client) => client.getSnapshot().user !== null).length;
  try {
    await stack.killRealtime();
    await waitFor(() => signedIn() === 0, 10_000);
    await stack.startRealtime();
    const back = performance.now();
    await waitFor(() => signedIn() === count, 60_000);
    return { clients: count, signedInAgain: signedIn(), recoveryMs: performance.now() - back };
  } finally {
    for (const client of clients) client.stop();
    await stack.stop();
  }
}
