"use client";

import type { ReactNode } from "react";
import { RealtimeNotice } from "@/components/realtime-notice";
import { useRealtime } from "@/components/realtime-provider";
import { endsSession } from "@/lib/realtime/session-ended";

/**
 * Shows `children` (the user's data) only while the tab's session lives: once the server ends it
 * (a ban, a sign-out elsewhere), the tab says why and shows nothing of the user's any more.
 */
export function SignedInOnly({ returnTo, children }: { returnTo: string; children: ReactNode }) {
  const { error } = useRealtime();
  if (error && endsSession(error)) {
    const href = `/sign-in?callbackUrl=${encodeURIComponent(returnTo).replaceAll("%2F", "/")}`;
    return <RealtimeNotice restart={{ href, label: "Sign in again" }} />;
  }
  return children;
}
