import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { env } from "@/lib/env";
import { TEST_SEAM_ATTRIBUTE } from "@/lib/realtime/client/test-seam";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Realtime Auth Kit", template: "%s · Realtime Auth Kit" },
  description: "How users of a Pusher Channels service are authenticated, end to end.",
};

/** The document only: the header and main column are the route groups' (components/site-frame). */
export default async function RootLayout({ children }: { children: ReactNode }) {
  // Never prerender a page: its scripts need the nonce of the request's policy (proxy.ts).
  await connection();
  // The e2e specs' switch (lib/realtime/client/test-seam.ts): absent unless REALTIME_TEST_SEAM=1.
  const testSeam = env().REALTIME_TEST_SEAM ? { [TEST_SEAM_ATTRIBUTE]: "" } : {};
  return (
    <html lang="en" {...testSeam}>
      <body className="min-h-dvh bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        {children}
      </body>
    </html>
  );
}
