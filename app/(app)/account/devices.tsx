import { PendingSubmit } from "@/components/pending-submit";
import { Section } from "@/components/section";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { formatUtc } from "@/lib/format";
import { showAddress } from "@/lib/http/approximate-address";
import type { Caller } from "@/lib/identity/gate";
import { type Device, listDevices } from "@/lib/sessions/devices";
import type { DeviceKind } from "@/lib/vocabulary/session-kinds";
import type { ConfirmMethods } from "../confirm-dialog";
import { SensitiveForm } from "../sensitive-form";
import { signOutDeviceAction, signOutOtherDevicesAction } from "./actions";

// The Devices section of /account: every live session of the user, web and realtime.

const HOW: Record<DeviceKind, string> = {
  web: "Web sign-in",
  ticket: "Ticket (from this site's backend)",
  service: "Service (username and password to the realtime service)",
};

function signedInWith(device: Device): string {
  if (device.kind !== "web") return HOW[device.kind];
  if (device.method === "github") return `${HOW.web} with GitHub`;
  return device.method === "passkey" ? `${HOW.web} with a passkey` : `${HOW.web} with a password`;
}

const button =
  "rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";

export async function DevicesSection({
  caller,
  methods,
}: {
  caller: Caller;
  methods: ConfirmMethods;
}) {
  const devices = await listDevices(db(), caller.user.id, {
    idleSeconds: env().REALTIME_SESSION_IDLE_SECONDS,
  });
  const limit = env().MAX_SESSIONS_PER_USER;
  const others = devices.filter((device) => device.id !== caller.sessionId);
  return (
    <Section
      id="devices-heading"
      title="Devices"
      titleClassName="text-lg font-semibold"
      className="max-w-2xl space-y-3"
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="devices-limit">
        At most {limit} devices; signing in on another ends the one least recently used.
      </p>
      <ul className="space-y-3" aria-label="Signed-in devices">
        {devices.map((device) => {
          const current = device.id === caller.sessionId;
          return (
            <li
              key={device.id}
              data-testid="device"
              data-device-id={device.id}
              data-kind={device.kind}
              data-current={current ? "true" : "false"}
              className="space-y-1 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-medium">
                  <span data-testid="device-label">{device.label}</span>
                  {current ? (
                    <span className="ml-2 rounded bg-indigo-100 px-1.5 py-0.5 text-xs font-semibold text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
                      This device
                    </span>
                  ) : null}
                </p>
                {current ? null : (
                  <SensitiveForm action={signOutDeviceAction} methods={methods}>
                    <input type="hidden" name="deviceId" value={device.id} />
                    <PendingSubmit className={button}>Sign out</PendingSubmit>
                  </SensitiveForm>
                )}
              </div>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-zinc-600 dark:text-zinc-400">
                <dt>Signed in by</dt>
                <dd data-testid="device-method">{signedInWith(device)}</dd>
                {device.startedFrom ? (
                  <>
                    <dt>Ticket from</dt>
                    <dd data-testid="device-started-from">
                      {device.startedFrom === caller.sessionId
                        ? "this device"
                        : "another web sign-in"}
                    </dd>
                  </>
                ) : null}
                <dt>Started</dt>
                <dd>
                  <time dateTime={device.startedAt.toISOString()}>
                    {formatUtc(device.startedAt, "minute")}
                  </time>
                </dd>
                <dt>Last active</dt>
                <dd>
                  <time dateTime={device.lastActiveAt.toISOString()}>
                    {formatUtc(device.lastActiveAt, "minute")}
                  </time>{" "}
                  (to the minute)
                </dd>
                <dt>Address</dt>
                <dd data-testid="device-address">
                  {showAddress(device.approximateAddress, "explained")}
                </dd>
              </dl>
            </li>
          );
        })}
      </ul>
      {others.length > 0 ? (
        <SensitiveForm action={signOutOtherDevicesAction} methods={methods}>
          <PendingSubmit className={button}>Sign out all other devices</PendingSubmit>
        </SensitiveForm>
      ) : null}
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="devices-reconnect-note">
        A device you sign out loses its realtime connection at once and must sign in again. The
        realtime protocol closes the connections of a user all together, never one device's alone:
        your other devices, this one included, are told it was not them and sign in again by
        themselves within a few seconds.
      </p>
    </Section>
  );
}
