// The global setup starts one stack per worker, so that tests running at the same time never
// share the demo accounts, the settings /admin changes, or the limits. A worker takes the stack
// at its parallel index: Playwright gives no two workers running at once the same index, and a
// worker that replaces a failed one inherits its index, so its stack.

export type StackAddresses = {
  baseURL: string;
  soketiPort: number;
  /** Where `npm start` keeps the stack's local secrets; a deployment (test:standalone) has none. */
  dataDir?: string;
};

const VARIABLE = "E2E_STACKS";

/** Hands the stacks to the workers, which inherit the global setup's environment. */
export function exportStacks(stacks: StackAddresses[]) {
  process.env[VARIABLE] = JSON.stringify(stacks);
}

/** This worker's stack; undefined in the runner, or under a config whose setup starts none. */
export function findWorkerStack(): StackAddresses | undefined {
  const index = process.env.TEST_PARALLEL_INDEX;
  const stacks: StackAddresses[] = JSON.parse(process.env[VARIABLE] ?? "[]");
  return index === undefined ? undefined : stacks[Number(index)];
}

/** This worker's stack, the one the specs share. */
export function workerStack(): StackAddresses {
  const stack = findWorkerStack();
  if (!stack) {
    throw new Error(
      `No stack for worker ${process.env.TEST_PARALLEL_INDEX}: run through Playwright, whose global setup (tests/e2e/global-setup.ts) starts one per worker.`,
    );
  }
  return stack;
}
