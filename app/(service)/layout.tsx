import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { SiteFrame } from "@/components/site-frame";

export default function ServiceLayout({ children }: { children: ReactNode }) {
  return <SiteFrame signOutAction={signOutAction}>{children}</SiteFrame>;
}
