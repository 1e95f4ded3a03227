import type { ComponentType } from "react";
import type { ChannelKind } from "@/lib/channels/policy";
import type { Role } from "@/lib/vocabulary/roles";

// What a feature gives the core, and how features.ts composes the app's features. The core reads
// them only through features.ts: nothing here, nor in components/, imports a feature.

/** Who sees a link in the site's header. */
export type Audience = "everyone" | "signed-in" | "admin";

export type NavLink = { href: string; label: string; audience: Audience };

/**
 * A feature's part of one of the core's pages with a `@features` slot (`/`, `/app`,
 * `/quickstart`): a server component without props, listed in the
 * `parts.ts` beside that page's `@features` slot (app/(home)/@features/parts.ts...). Each page
 * imports only its own list, so a page's bundle holds only its own parts: /app ships no part of
 * /quickstart, and the header's links (features.ts) reach no part at all.
 */
/** `name` is its feature's, and React's key for it. */
export type Part = { name: string; Part: ComponentType };

export type Feature = {
  /** Unique among the app's features. */
  name: string;
  /** Its channel kinds, composed with the core's into the one policy. */
  channelKinds?: readonly ChannelKind[];
  /** Its links in the site's header, after the core's. */
  navLinks?: readonly NavLink[];
};

export type Composition = {
  channelKinds: readonly ChannelKind[];
  navLinks: readonly NavLink[];
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
  return {
    channelKinds: features.flatMap((feature) => feature.channelKinds ?? []),
    navLinks,
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
