import { FeatureParts } from "@/app/feature-parts";

/** The features' parts of /quickstart, beside its own content, sharing its realtime client. */
export default function QuickstartFeatures() {
  return <FeatureParts place="quickstart" />;
}
