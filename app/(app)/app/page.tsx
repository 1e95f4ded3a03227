import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { ChannelProbe } from "@/components/channel-probe";
import { ConnectionBadge } from "@/components/connection-badge";
import { PersonalChannel } from "@/components/personal-channel";
import { PresenceList } from "@/components/presence-list";
import { RealtimeNotice } from "@/components/realtime-notice";
import { RealtimeProvider } from "@/components/realtime-provider";
import { SendToUserForm } from "@/components/send-to-user-form";
import { TicketSignIn } from "@/components/ticket-sign-in";
import { UserInbox } from "@/components/user-inbox";
import { db } from "@/lib/db";
import { listUsers } from "@/lib/db/queries";
import { realtimeConfig } from "@/lib/env";

export const metadata: Metadata = { title: "App" };

export default async function AppPage() {
  const session = await auth();
  if (!session) redirect("/sign-in?callbackUrl=/app");
  const { id, name, username, role } = session.user;
  const recipients = (await listUsers(db()))
    .filter((user) => user.id !== id && !user.bannedAt)
    .map((user) => ({ id: user.id, username: user.username }));

  return (
    <RealtimeProvider config={realtimeConfig()}>
      <PersonalChannel />
      <div className="space-y-8">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">Hello, {name}</h1>
          <ConnectionBadge />
        </div>
        <RealtimeNotice />
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-zinc-600 dark:text-zinc-400">Username</dt>
          <dd data-testid="username">@{username}</dd>
          <dt className="text-zinc-600 dark:text-zinc-400">User id</dt>
          <dd className="font-mono text-xs" data-testid="user-id">
            {id}
          </dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Role</dt>
          <dd>{role}</dd>
        </dl>
        <PresenceList room="lobby" />
        <UserInbox />
        <SendToUserForm recipients={recipients} />
        <ChannelProbe />
        <TicketSignIn />
      </div>
    </RealtimeProvider>
  );
}
