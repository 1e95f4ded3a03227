import "server-only";
import { type HourSummary, lastHour } from "@/lib/observability/history";
import { readLiveSessions } from "@/lib/observability/live-sessions";
import type { SessionStore } from "@/lib/vocabulary/session-kinds";

// What /admin's panel shows: the live sessions of every instance (the database's), and this
// instance's last hour (its own counters).

export type InstancePanel = HourSummary & {
  live: Record<SessionStore, number>;
  /** This process's id: which instance of a cluster the figures are from. */
  pid: number;
  readAt: number;
};

export async function readInstancePanel(): Promise<InstancePanel> {
  const [live, hour] = await Promise.all([readLiveSessions(), lastHour()]);
  return { ...hour, live, pid: process.pid, readAt: Date.now() };
}
