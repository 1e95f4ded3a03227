import DemoApp from "@/demo/parts/app";
import type { Part } from "@/lib/feature";

/**
 * The features' parts of /app, in the order they appear. Only its page imports this list, so the
 * parts' code ships with this page alone (lib/feature.ts).
 */
export const appParts: readonly Part[] = [{ name: "demo", Part: DemoApp }];
