import { featureParts } from "@/features";
import type { Place } from "@/lib/feature";

/** What features.ts registers for one page's `@features` slot, feature by feature, in order. */
export async function FeatureParts({ place }: { place: Place }) {
  const parts = await featureParts(place);
  return parts.map(({ name, Part }) => <Part key={name} />);
}
