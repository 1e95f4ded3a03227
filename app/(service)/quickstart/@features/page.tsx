import { FeatureParts } from "@/app/feature-parts";
import { quickstartParts } from "./parts";

/** The features' parts of /quickstart, beside its own content, sharing its realtime client. */
export default function QuickstartFeatures() {
  return <FeatureParts parts={quickstartParts} />;
}
