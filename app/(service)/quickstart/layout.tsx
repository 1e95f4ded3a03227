import { connection } from "next/server";
import type { ReactNode } from "react";
import { RealtimeProvider } from "@/components/realtime-provider";
import { serviceAuthEnabled } from "@/lib/credentials/service/switch";
import { realtimeConfig } from "@/lib/env";

/**
 * The service flow's realtime client, shared by the page and a feature's slot (`@demo`, gone with
 * `npm run demo:remove`). Nothing connects while the switch is off.
 */
export default async function QuickstartLayout({
  children,
  demo,
}: {
  children: ReactNode;
  demo?: ReactNode;
}) {
  await connection(); // The switch can change at any moment: never prerender.
  if (!(await serviceAuthEnabled())) return children;
  return (
    <RealtimeProvider config={realtimeConfig()} signInWithSession={false}>
      <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0">{children}</div>
        {demo ? <aside className="space-y-8">{demo}</aside> : null}
      </div>
    </RealtimeProvider>
  );
}
