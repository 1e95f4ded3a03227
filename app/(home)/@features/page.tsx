import { FeatureParts } from "@/app/feature-parts";
import { homeParts } from "./parts";

/** The features' parts of the home page, below its own content. */
export default function HomeFeatures() {
  return <FeatureParts parts={homeParts} />;
}
