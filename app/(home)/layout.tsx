import type { ReactNode } from "react";
import { Frame } from "@/app/frame";

/** The home page, and below it the features' parts of it (the `@features` slot). */
export default function HomeLayout({
  children,
  features,
}: {
  children: ReactNode;
  features: ReactNode;
}) {
  return (
    <Frame>
      <div className="space-y-12">
        {children}
        {features}
      </div>
    </Frame>
  );
}
