import { FeatureParts } from "@/app/feature-parts";

/**
 * The features' parts of /app, below its own content, sharing its realtime connection; nothing on
 * a feature's own page under /app (/app/notifications...). One optional catch-all for both: a
 * link from /app to such a page must clear the slot, and Next.js keeps a slot's last page on
 * client navigation unless a page of the slot matches the new address.
 */
export default async function AppFeatures({ params }: { params: Promise<{ below?: string[] }> }) {
  const { below } = await params;
  return below ? null : <FeatureParts place="app" />;
}
