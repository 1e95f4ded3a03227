import type { Metadata } from "next";
import { connection } from "next/server";
import { QuickstartPanel } from "@/components/quickstart-panel";
import { serviceAuthEnabled } from "@/lib/credentials/service/switch";

export const metadata: Metadata = { title: "Quick start: the service" };

export default async function QuickstartPage() {
  await connection(); // The switch can change at any moment: never prerender this page.
  const enabled = await serviceAuthEnabled();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Authentication by the service</h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        The client sends a username and password straight to{" "}
        <code className="font-mono">client.start()</code>, holding only the public app key, and may
        even create users with <code className="font-mono">client.newUser()</code>. No session with
        this site is involved.
      </p>
      {enabled ? (
        <QuickstartPanel />
      ) : (
        <div
          data-testid="service-auth-disabled"
          className="rounded-md border border-zinc-300 bg-zinc-50 p-4 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <p className="font-semibold">Service authentication is disabled on this site.</p>
          <p className="mt-2 text-zinc-700 dark:text-zinc-300">
            Anyone could create users through it, so operators switch it off before going live (an
            admin on /admin, or <code className="font-mono">SERVICE_AUTH=off</code>). Sign in
            through the site instead: your backend then signs the realtime connection.
          </p>
        </div>
      )}
    </div>
  );
}
