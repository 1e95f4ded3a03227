import DemoApp from "@/demo/parts/app";
import type { Part } from "@/lib/feature";

/**
 * The features' parts of /app, in the order they appear. Only this page imports this list, so its
 * parts' code is in this page's bundle alone (lib/feature.ts).
 */
export const appParts: readonly Part[] = [{ name: "demo", Part: DemoApp }];
