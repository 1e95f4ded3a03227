import type { ReactNode } from "react";
import { SiteFrame } from "@/components/site-frame";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <SiteFrame>
      <div className="mx-auto w-full max-w-sm space-y-6">{children}</div>
    </SiteFrame>
  );
}
