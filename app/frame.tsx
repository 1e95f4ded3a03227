import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { SiteFrame } from "@/components/site-frame";
import { featureNavLinks } from "@/features";

/** The site's frame as this app fills it: its sign-out action and its features' header links. */
export function Frame({ children }: { children: ReactNode }) {
  return (
    <SiteFrame signOutAction={signOutAction} navLinks={featureNavLinks}>
      {children}
    </SiteFrame>
  );
}
