import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { SiteFrame } from "@/components/site-frame";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <SiteFrame signOutAction={signOutAction}>
      <div className="mx-auto w-full max-w-sm space-y-6">{children}</div>
    </SiteFrame>
  );
}
