import { FeatureParts } from "@/app/feature-parts";
import { appParts } from "./parts";

/** The features' parts of /app, below its own content, sharing its realtime connection. */
export default function AppFeatures() {
  return <FeatureParts parts={appParts} />;
}
