/**
 * Group commit: calls that arrive while a batch is being written wait for it and then go
 * together, as one batch. An idle server writes each call at once; a busy one writes one
 * statement for many calls instead of one each. `run` answers each input at its index.
 */
export function groupCommit<I, O>(
  run: (inputs: I[]) => Promise<O[]>,
  maxBatch = 256,
): (input: I) => Promise<O> {
  type Waiting = { input: I; resolve: (output: O) => void; reject: (error: unknown) => void };
  const queue: Waiting[] = [];
  let writing = false;
  const drain = async () => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      try {
        const outputs = await run(batch.map(({ input }) => input));
        for (const [index, { resolve }] of batch.entries()) resolve(outputs[index] as O);
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    writing = false;
  };
  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!writing) void drain();
    });
}
