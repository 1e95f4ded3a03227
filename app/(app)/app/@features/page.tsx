import { FeatureParts } from "@/app/feature-parts";

/** The features' parts of /app, below its own content, sharing its realtime connection. */
export default function AppFeatures() {
  return <FeatureParts place="app" />;
}
