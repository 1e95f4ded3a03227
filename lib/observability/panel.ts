import { type HourSummary, lastHour } from "@/lib/observability/history";
import type { SessionStore } from "@/lib/vocabulary/session-kinds";

// What /admin's panel shows: the live sessions of every instance (the database's, counted by
// lib/sessions/live-count.ts), and this instance's last hour (its own counters).

export type InstancePanel = HourSummary & {
  live: Record<SessionStore, number>;
  /** This process's id: which instance of a cluster the figures are from. */
  pid: number;
  readAt: number;
};

export async function instancePanel(live: Record<SessionStore, number>): Promise<InstancePanel> {
  return { ...(await lastHour()), live, pid: process.pid, readAt: Date.now() };
}
