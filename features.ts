import "server-only";
import { demo } from "@/demo/feature";
import { coreChannelKinds, createPolicy } from "@/lib/channels/policy";
import { composeFeatures, type Feature } from "@/lib/feature";

// The composition root: the features this app adds to the authentication core, and what the core
// reads of them (lib/feature.ts says what a feature gives). lib/ and components/ import no
// feature; routes, actions and the `@features` slots of the core's pages ask this file.

/** The app's features, in the order their parts and links appear. */
const features: readonly Feature[] = [demo];

const composition = composeFeatures(features);

/** Channel auth, every action and route that publishes or reads history, and the webhooks ask it. */
export const policy = createPolicy([...coreChannelKinds, ...composition.channelKinds]);

/** What the `@features` slots of /, /app and /quickstart render, feature by feature. */
export const featureParts = composition.partsOf;

/** Whether a page's slot has anything to render. */
export const featuresFill = composition.fills;

/** The features' links in the site's header. */
export const featureNavLinks = composition.navLinks;
