import type { ReactNode } from "react";

/** The outcome of the last try, read out by screen readers when it changes. */
export function Verdict({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <p aria-live="polite" data-testid={testId} className="text-sm text-zinc-700 dark:text-zinc-300">
      {children}
    </p>
  );
}
