import type { Metadata } from "next";
import { ConnectionBadge } from "@/components/connection-badge";
import { RealtimeNotice } from "@/components/realtime-notice";
import { UserInbox } from "@/components/user-inbox";
import { db } from "@/lib/db";
import { listRecipients } from "@/lib/db/queries";
import { requireUser } from "@/lib/identity/gate";
import { OnlineNow, TicketSignIn } from "./loaded-after-sign-in";
import { SendToUserForm } from "./send-to-user-form";

export const metadata: Metadata = { title: "App" };

export default async function AppPage() {
  const { user: me } = await requireUser("/app");
  const recipients = await listRecipients(db(), me.id);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Hello, {me.name ?? me.username}</h1>
        <ConnectionBadge />
      </div>
      <RealtimeNotice />
      <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-10">
          <SendToUserForm recipients={recipients} />
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
          <OnlineNow />
          <UserInbox />
        </aside>
      </div>
    </div>
  );
}
