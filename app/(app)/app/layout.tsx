import { type ReactNode, Suspense } from "react";
import { PersonalChannel } from "@/components/personal-channel";
import { RealtimeProvider } from "@/components/realtime-provider";
import { SignedInOnly } from "@/components/signed-in-only";
import { realtimeConfig } from "@/lib/env";
import { requireUser } from "@/lib/identity/gate";

/**
 * The signed-in pages' realtime connection, shared by /app, by the features' parts of it (the
 * `@features` slot, listed in its parts.ts) and by a feature's own pages under /app.
 */
export default async function AppLayout({
  children,
  features,
}: {
  children: ReactNode;
  features: ReactNode;
}) {
  // Here, outside the boundaries below: a signed-out visitor must get a 307 before anything
  // streams, not a page that redirects itself once the boundary renders.
  await requireUser("/app");
  return (
    <RealtimeProvider config={realtimeConfig()}>
      <PersonalChannel />
      <SignedInOnly returnTo="/app">
        {/* React hydrates the shell first and commits it, so the provider's effect opens the
            socket then; each boundary hydrates afterwards as a task of its own, and the sign-in's
            network events run between them instead of after all of the page. */}
        <div className="space-y-10">
          <Suspense>{children}</Suspense>
          <Suspense>{features}</Suspense>
        </div>
      </SignedInOnly>
    </RealtimeProvider>
  );
}
