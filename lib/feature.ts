import type { ComponentType } from "react";
import type { ChannelKind } from "@/lib/channels/policy";
import type { Role } from "@/lib/vocabulary/roles";

// What a feature gives the core, and how features.ts composes the app's features. The core reads
// them only through features.ts: nothing here, nor in components/, imports a feature.

/** The core's pages with a slot for features (`@features`): `/`, `/app` and `/quickstart`. */
export const PLACES = ["home", "app", "quickstart"] as const;
export type Place = (typeof PLACES)[number];

/** Who sees a link in the site's header. */
export type Audience = "everyone" | "signed-in" | "admin";

export type NavLink = { href: string; label: string; audience: Audience };

/**
 * A part of a page: a module whose default export is a server component without props. Loaded
 * when its page renders, so that the routes that only ask the channel policy never load a page's
 * components, and a part may itself import `policy` from features.ts without an import cycle.
 */
export type PartLoader = () => Promise<{ default: ComponentType }>;

export type Feature = {
  /** Unique among the app's features; React's key for its parts. */
  name: string;
  /** Its channel kinds, composed with the core's into the one policy. */
  channelKinds?: readonly ChannelKind[];
  /** What it shows in a page's `@features` slot. */
  parts?: Partial<Record<Place, PartLoader>>;
  /** Its links in the site's header, after the core's. */
  navLinks?: readonly NavLink[];
};

export type Part = { name: string; Part: ComponentType };

export type Composition = {
  channelKinds: readonly ChannelKind[];
  navLinks: readonly NavLink[];
  /** Whether any feature has a part for this place (a layout may lay out a column for it). */
  fills(place: Place): boolean;
  /** The features' parts for this place, in the order the features are listed. */
  partsOf(place: Place): Promise<Part[]>;
};

/** Throws at start-up on a list that would render twice or link off the site. */
export function composeFeatures(features: readonly Feature[]): Composition {
  const names = features.map((feature) => feature.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new Error(`A feature is listed twice: ${twice}`);
  const navLinks = features.flatMap((feature) => feature.navLinks ?? []);
  for (const link of navLinks) {
    // A path on this site: "//host" would be another site's address.
    if (!link.href.startsWith("/") || link.href.startsWith("//"))
      throw new Error(`A feature's link must be a path on this site: ${link.href}`);
  }
  const loaders = (place: Place) =>
    features.flatMap((feature) => {
      const load = feature.parts?.[place];
      return load ? [{ name: feature.name, load }] : [];
    });
  return {
    channelKinds: features.flatMap((feature) => feature.channelKinds ?? []),
    navLinks,
    fills: (place) => loaders(place).length > 0,
    partsOf: (place) =>
      Promise.all(
        loaders(place).map(async ({ name, load }) => ({ name, Part: (await load()).default })),
      ),
  };
}

/** The links this visitor sees: signed out, signed in, or an admin. */
export function visibleLinks(links: readonly NavLink[], role: Role | undefined): NavLink[] {
  return links.filter(
    (link) =>
      link.audience === "everyone" ||
      (link.audience === "signed-in" && role !== undefined) ||
      (link.audience === "admin" && role === "admin"),
  );
}
