import type { Part } from "@/lib/feature";

/** One page's `@features` slot: the parts its `parts.ts` lists, in order. */
export function FeatureParts({ parts }: { parts: readonly Part[] }) {
  return parts.map(({ name, Part }) => <Part key={name} />);
}
