import DemoQuickstart from "@/demo/parts/quickstart";
import type { Part } from "@/lib/feature";

/**
 * The features' parts of /quickstart, in the order they appear. Only this page imports this list, so its
 * parts' code is in this page's bundle alone (lib/feature.ts).
 */
export const quickstartParts: readonly Part[] = [{ name: "demo", Part: DemoQuickstart }];
