import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { ConnectionBadge } from "@/components/connection-badge";
import { RealtimeProvider } from "@/components/realtime-provider";
import { realtimeConfig } from "@/lib/env";

export const metadata: Metadata = { title: "App" };

export default async function AppPage() {
  const session = await auth();
  if (!session) redirect("/sign-in?callbackUrl=/app");
  const { name, username, role } = session.user;
  return (
    <RealtimeProvider config={realtimeConfig()}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">Hello, {name}</h1>
          <ConnectionBadge />
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-zinc-600 dark:text-zinc-400">Username</dt>
          <dd data-testid="username">@{username}</dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Role</dt>
          <dd>{role}</dd>
        </dl>
      </div>
    </RealtimeProvider>
  );
}
