import DemoHome from "@/demo/parts/home";
import type { Part } from "@/lib/feature";

/**
 * The features' parts of the home page, in the order they appear. Only this page imports this list, so its
 * parts' code is in this page's bundle alone (lib/feature.ts).
 */
export const homeParts: readonly Part[] = [{ name: "demo", Part: DemoHome }];
