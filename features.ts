import "server-only";
import { demo } from "@/demo/feature";
import { coreChannelKinds, createPolicy } from "@/lib/channels/policy";
import { composeFeatures, type Feature } from "@/lib/feature";

// The composition root: the features this app adds to the authentication core, and what the core
// reads of them (lib/feature.ts says what a feature gives). lib/ and components/ import no
// feature; routes and actions ask this file for the policy, the header for the links. A feature's
// parts of /, /app and /quickstart are listed beside each page's `@features` slot (parts.ts), so
// that no page, nor the header, loads another page's parts.

/** The app's features, in the order their links appear. */
const features: readonly Feature[] = [demo];

const composition = composeFeatures(features);

/** Channel auth, every action and route that publishes or reads history, and the webhooks ask it. */
export const policy = createPolicy([...coreChannelKinds, ...composition.channelKinds]);

/** The features' links in the site's header. */
export const featureNavLinks = composition.navLinks;
