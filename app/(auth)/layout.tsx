import type { ReactNode } from "react";
import { Frame } from "@/app/frame";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <Frame>
      <div className="mx-auto w-full max-w-sm space-y-6">{children}</div>
    </Frame>
  );
}
