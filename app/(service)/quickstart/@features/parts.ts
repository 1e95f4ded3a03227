import DemoQuickstart from "@/demo/parts/quickstart";
import type { Part } from "@/lib/feature";

/**
 * The features' parts of /quickstart, in the order they appear. Only its page and its layout
 * import this list, so the parts' code ships with this page alone (lib/feature.ts).
 */
export const quickstartParts: readonly Part[] = [{ name: "demo", Part: DemoQuickstart }];
