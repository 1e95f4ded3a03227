import type { ReactNode } from "react";

/** The home page, and below it what a feature adds in its slot (`@demo`). */
export default function HomeLayout({ children, demo }: { children: ReactNode; demo?: ReactNode }) {
  return (
    <div className="space-y-12">
      {children}
      {demo}
    </div>
  );
}
