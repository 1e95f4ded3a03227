import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { SiteFrame } from "@/components/site-frame";

/** The home page, and below it what a feature adds in its slot (`@demo`). */
export default function HomeLayout({ children, demo }: { children: ReactNode; demo?: ReactNode }) {
  return (
    <SiteFrame signOutAction={signOutAction}>
      <div className="space-y-12">
        {children}
        {demo}
      </div>
    </SiteFrame>
  );
}
