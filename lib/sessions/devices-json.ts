import type { Device } from "@/lib/sessions/devices";

// A device as the JSON endpoints give it: dates as ISO strings, and which one is the caller's.

export type DeviceJson = Omit<Device, "startedAt" | "lastActiveAt" | "expiresAt"> & {
  current: boolean;
  startedAt: string;
  lastActiveAt: string;
  expiresAt: string;
};

export function deviceJson(device: Device, currentSessionId: string): DeviceJson {
  return {
    ...device,
    current: device.id === currentSessionId,
    startedAt: device.startedAt.toISOString(),
    lastActiveAt: device.lastActiveAt.toISOString(),
    expiresAt: device.expiresAt.toISOString(),
  };
}
