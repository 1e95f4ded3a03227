// One statement's worth: a batch binds two parameters per input, far below PostgreSQL's
// limit of 65,535, and a storm's burst is written in a few statements rather than one huge one.
const MAX_BATCH = 256;

/**
 * Group commit: the calls made in one turn of the event loop, and those made while a batch is
 * being written, go together as one batch: a busy server writes one statement (and commits
 * once) for many calls instead of one each. An idle one waits for nothing but the end of the
 * turn. `run` answers each input at its index.
 */
export function groupCommit<I, O>(run: (inputs: I[]) => Promise<O[]>): (input: I) => Promise<O> {
  type Waiting = { input: I; resolve: (output: O) => void; reject: (error: unknown) => void };
  const queue: Waiting[] = [];
  let writing = false;
  const drain = async () => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
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
      if (!writing && queue.length === 1) setImmediate(() => void drain());
    });
}
