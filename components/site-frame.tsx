import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { Toaster } from "@/components/toaster";
import type { NavLink } from "@/lib/feature";

/**
 * The site's header and main column. Each route group's layout puts its pages in it, rather than
 * the root layout, so that the benchmark's floor page (app/(bench)) renders nothing but itself.
 * The layout hands it the sign-out action and the features' links (app/frame.tsx): components
 * import no route's code and no feature.
 */
export function SiteFrame({
  signOutAction,
  navLinks,
  children,
}: {
  signOutAction: () => Promise<void>;
  navLinks: readonly NavLink[];
  children: ReactNode;
}) {
  return (
    <Toaster>
      <SiteHeader signOutAction={signOutAction} navLinks={navLinks} />
      <main className="mx-auto w-full max-w-6xl px-4 py-10">{children}</main>
    </Toaster>
  );
}
