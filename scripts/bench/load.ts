// A closed-loop load generator: `concurrency` workers send requests back to back for a while.

export type LoadResult = {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
};

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function load(
  send: () => Promise<Response>,
  options: {
    concurrency: number;
    seconds: number;
    /** Whether an answer is the one expected; any other counts as an error. */
    expected?: (response: Response) => boolean;
  },
): Promise<LoadResult> {
  const expected = options.expected ?? ((response: Response) => response.ok);
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      const response = await send().catch(() => null);
      if (!response || !expected(response)) errors++;
      await response?.arrayBuffer().catch(() => undefined);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
