import { connection } from "next/server";
import type { ReactNode } from "react";
import { RealtimeProvider } from "@/components/realtime-provider";
import { serviceAuthEnabled } from "@/lib/credentials/service/switch";
import { realtimeConfig } from "@/lib/env";
import { quickstartParts } from "./@features/parts";

/**
 * The service flow's realtime client, shared by the page and the features' parts of it (the
 * `@features` slot, listed in its parts.ts). Nothing connects while the switch is off.
 */
export default async function QuickstartLayout({
  children,
  features,
}: {
  children: ReactNode;
  features: ReactNode;
}) {
  await connection(); // The switch can change at any moment: never prerender.
  if (!(await serviceAuthEnabled())) return children;
  return (
    <RealtimeProvider config={realtimeConfig()} signInWithSession={false}>
      <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0">{children}</div>
        {quickstartParts.length > 0 ? <aside className="space-y-8">{features}</aside> : null}
      </div>
    </RealtimeProvider>
  );
}
