import DemoHome from "@/demo/parts/home";
import type { Part } from "@/lib/feature";

/**
 * The features' parts of the home page, in the order they appear. Only its page imports this
 * list, so the parts' code ships with this page alone (lib/feature.ts).
 */
export const homeParts: readonly Part[] = [{ name: "demo", Part: DemoHome }];
