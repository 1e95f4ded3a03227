import { FeatureParts } from "@/app/feature-parts";

/** The features' parts of the home page, below its own content. */
export default function HomeFeatures() {
  return <FeatureParts place="home" />;
}
