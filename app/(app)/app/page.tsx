import type { Metadata } from "next";
import { AuthInspector } from "@/components/auth-inspector";
import { ChannelProbe } from "@/components/channel-probe";
import { DirectMessages } from "@/components/chat/direct-messages";
import { RoomChat } from "@/components/chat/room-chat";
import { ConnectionBadge } from "@/components/connection-badge";
import { PersonalChannel } from "@/components/personal-channel";
import { PresenceList } from "@/components/presence-list";
import { RealtimeNotice } from "@/components/realtime-notice";
import { RealtimeProvider } from "@/components/realtime-provider";
import { SendToUserForm } from "@/components/send-to-user-form";
import { SignedInOnly } from "@/components/signed-in-only";
import { TicketSignIn } from "@/components/ticket-sign-in";
import { UserInbox } from "@/components/user-inbox";
import { requireUser } from "@/lib/auth/gate";
import { roomsFor } from "@/lib/chat/rooms";
import { db } from "@/lib/db";
import { listUsers } from "@/lib/db/queries";
import { realtimeConfig } from "@/lib/env";

export const metadata: Metadata = { title: "App" };

export default async function AppPage() {
  const { user: me } = await requireUser("/app");
  const [users, rooms] = await Promise.all([listUsers(db()), roomsFor(me)]);
  // Only the fields the browser needs, and only the rooms this user may enter.
  const people = users
    .filter((user) => user.id !== me.id && !user.bannedAt)
    .map(({ id, username }) => ({ id, username }));

  return (
    <RealtimeProvider config={realtimeConfig()}>
      <PersonalChannel />
      <SignedInOnly returnTo="/app">
        <div className="space-y-6">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h1 className="text-2xl font-semibold">Hello, {me.name ?? me.username}</h1>
            <ConnectionBadge />
          </div>
          <RealtimeNotice />
          <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_24rem]">
            <div className="space-y-10">
              <RoomChat rooms={rooms} />
              <DirectMessages me={me.id} people={people} />
              <SendToUserForm recipients={people} />
              <ChannelProbe />
              <TicketSignIn />
            </div>
            <aside className="space-y-8">
              <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
                <dt className="text-zinc-600 dark:text-zinc-400">Username</dt>
                <dd data-testid="username">@{me.username}</dd>
                <dt className="text-zinc-600 dark:text-zinc-400">User id</dt>
                <dd className="font-mono text-xs break-all" data-testid="user-id">
                  {me.id}
                </dd>
                <dt className="text-zinc-600 dark:text-zinc-400">Role</dt>
                <dd>{me.role}</dd>
              </dl>
              <PresenceList room="lobby" />
              <UserInbox />
              <AuthInspector flow="backend" />
            </aside>
          </div>
        </div>
      </SignedInOnly>
    </RealtimeProvider>
  );
}
