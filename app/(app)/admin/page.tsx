import type { Metadata } from "next";
import { DataTable } from "@/components/data-table";
import { serviceAuthEnabled } from "@/lib/credentials/service/switch";
import { db } from "@/lib/db";
import { listUsers } from "@/lib/db/queries";
import { formatUtc } from "@/lib/format";
import { requireAdmin } from "@/lib/identity/gate";
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

export const metadata: Metadata = { title: "Admin" };

const button =
  "rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

export default async function AdminPage({ searchParams }: PageProps<"/admin">) {
  const { user: admin } = await requireAdmin("/admin");
  const [users, serviceAuth, query] = await Promise.all([
    listUsers(db()),
    serviceAuthEnabled(),
    searchParams,
  ]);
  // Every action here is sensitive: how "Confirm it's you" may ask when the sign-in is too old.
  const methods: ConfirmMethods = { password: Boolean(admin.passwordHash) };

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
      <h2 className="text-xl font-semibold">Users</h2>
      <div className="overflow-x-auto">
        <DataTable columns={["User", "Status", "Last seen", { hidden: "Actions" }]}>
          {users.map((user) => (
            <tr
              key={user.id}
              data-testid={`user-row-${user.username}`}
              className="border-b border-zinc-100 dark:border-zinc-900"
            >
              <td className="py-2 pr-4">
                <div className="font-medium">{user.name}</div>
                <div className="text-zinc-600 dark:text-zinc-400">
                  @{user.username} · {user.role}
                </div>
              </td>
              <td className="py-2 pr-4" data-testid="status">
                <span className="inline-flex items-center gap-2">
                  <span
                    aria-hidden
                    className={`size-2 rounded-full ${user.online ? "bg-emerald-500" : "bg-zinc-400"}`}
                  />
                  {user.bannedAt ? "banned" : user.online ? "online" : "offline"}
                </span>
              </td>
              <td className="py-2 pr-4 text-zinc-600 dark:text-zinc-400">
                {user.lastSeenAt ? formatUtc(user.lastSeenAt) : "never"}
              </td>
              <td className="py-2">
                {user.id === admin.id ? null : (
                  <div className="flex gap-2">
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
              </td>
            </tr>
          ))}
        </DataTable>
      </div>
      <AdminActivitySection query={query} />
    </div>
  );
}
