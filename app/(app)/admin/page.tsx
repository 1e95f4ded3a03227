import type { Metadata } from "next";
import { Cell, DataTable, Row } from "@/components/data-table";
import { Section } from "@/components/section";
import { hasPasskey } from "@/lib/credentials/passkey/store";
import { serviceAuthEnabled } from "@/lib/credentials/service/switch";
import { db } from "@/lib/db";
import { listUsers } from "@/lib/db/queries";
import { formatUtc } from "@/lib/format";
import { requireAdmin } from "@/lib/identity/gate";
import { instancePanel } from "@/lib/observability/panel";
import { readLiveSessions } from "@/lib/sessions/live-count";
import type { ConfirmMethods } from "../confirm-dialog";
import { SensitiveForm } from "../sensitive-form";
import {
  banAction,
  disconnectAction,
  setRoleAction,
  setServiceAuthAction,
  unbanAction,
} from "./actions";
import { AdminActivitySection } from "./activity";
import { InstanceMetrics } from "./instance-metrics";

export const metadata: Metadata = { title: "Admin" };

const button =
  "rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

type Listed = { online: boolean; bannedAt: Date | null };

/**
 * A user's realtime presence: online while a tab of theirs holds a realtime connection (the
 * webhooks of their own channel). This page opens none, so the viewer's own presence is that of
 * their other tabs and devices, and says so rather than calling the admin looking at it offline.
 */
function presence(user: Listed, self: boolean): string {
  if (user.bannedAt) return "banned";
  if (self)
    return user.online ? "online (another tab or device)" : "not connected (this page opens none)";
  return user.online ? "online" : "offline";
}

export default async function AdminPage({ searchParams }: PageProps<"/admin">) {
  const { user: admin } = await requireAdmin("/admin");
  const [users, serviceAuth, query, panel] = await Promise.all([
    listUsers(db()),
    serviceAuthEnabled(),
    searchParams,
    readLiveSessions().then(instancePanel),
  ]);
  // Every action here is sensitive: how "Confirm it's you" may ask when the sign-in is too old.
  const methods: ConfirmMethods = {
    password: Boolean(admin.passwordHash),
    passkey: await hasPasskey(db(), admin.id),
  };

  return (
    <div className="space-y-8">
      <section aria-labelledby="switch-heading" className="space-y-2">
        <h1 id="switch-heading" className="text-2xl font-semibold">
          Admin
        </h1>
        <SensitiveForm
          action={setServiceAuthAction}
          methods={methods}
          className="flex flex-wrap items-center gap-3"
        >
          <p data-testid="service-auth-state">
            Service authentication: <strong>{serviceAuth ? "on" : "off"}</strong>
          </p>
          <input type="hidden" name="enabled" value={serviceAuth ? "off" : "on"} />
          <button type="submit" className={button}>
            {serviceAuth ? "Turn off" : "Turn on"}
          </button>
        </SensitiveForm>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Lets clients sign in and create users with a username and password and only the app key
          (/quickstart). Turn it off before going live; turning it off also ends the sessions it
          started.
        </p>
      </section>
      <Section
        id="metrics-heading"
        title="Sign-ins and refusals"
        titleClassName="text-xl font-semibold"
        className="space-y-2"
      >
        <InstanceMetrics initial={panel} />
      </Section>
      <h2 className="text-xl font-semibold">Users</h2>
      <div className="overflow-x-auto">
        <DataTable columns={["User", "Status", "Last seen", { hidden: "Actions" }]}>
          {users.map((user) => (
            <Row key={user.id} data-testid={`user-row-${user.username}`}>
              <Cell column="User">
                <div className="font-medium">
                  {user.name}
                  {user.id === admin.id ? (
                    <span className="ml-2 rounded bg-indigo-100 px-1.5 py-0.5 text-xs font-semibold text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
                      You
                    </span>
                  ) : null}
                </div>
                <div className="text-zinc-600 dark:text-zinc-400">
                  @{user.username} · {user.role}
                </div>
              </Cell>
              <Cell column="Status" data-testid="status">
                <span className="inline-flex items-center gap-2">
                  <span
                    aria-hidden
                    className={`size-2 shrink-0 rounded-full ${user.online ? "bg-emerald-500" : "bg-zinc-400"}`}
                  />
                  {presence(user, user.id === admin.id)}
                </span>
              </Cell>
              <Cell column="Last seen" className="text-zinc-600 dark:text-zinc-400">
                {user.lastSeenAt ? formatUtc(user.lastSeenAt) : "never"}
              </Cell>
              {/* As narrow as its buttons: every row's end at the table's right edge. */}
              <Cell last className="whitespace-nowrap sm:w-px">
                {user.id === admin.id ? null : (
                  <div className="flex justify-end gap-2">
                    <SensitiveForm action={disconnectAction} methods={methods}>
                      <input type="hidden" name="userId" value={user.id} />
                      <button type="submit" className={button}>
                        Disconnect
                      </button>
                    </SensitiveForm>
                    <SensitiveForm action={setRoleAction} methods={methods}>
                      <input type="hidden" name="userId" value={user.id} />
                      <input
                        type="hidden"
                        name="role"
                        value={user.role === "admin" ? "user" : "admin"}
                      />
                      <button type="submit" className={button}>
                        {user.role === "admin" ? "Revoke admin" : "Make admin"}
                      </button>
                    </SensitiveForm>
                    <SensitiveForm
                      action={user.bannedAt ? unbanAction : banAction}
                      methods={methods}
                    >
                      <input type="hidden" name="userId" value={user.id} />
                      <button type="submit" className={button}>
                        {user.bannedAt ? "Unban" : "Ban"}
                      </button>
                    </SensitiveForm>
                  </div>
                )}
              </Cell>
            </Row>
          ))}
        </DataTable>
      </div>
      <AdminActivitySection query={query} />
    </div>
  );
}
