"use client";

import { useEffect, useState } from "react";
import type { InstancePanel } from "@/lib/observability/panel";
import { HourChart } from "./hour-chart";

// /admin's panel of counters, read again every few seconds. The figures of the last hour are this
// instance's own (each instance of a cluster counts its own); live sessions are every instance's.

const EVERY_MS = 5_000;

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function milliseconds(seconds: number | null): string {
  return seconds === null ? "no requests" : `${Math.round(seconds * 1000)} ms`;
}

export function InstanceMetrics({ initial }: { initial: InstancePanel }) {
  const [panel, setPanel] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(() => {
      // A failed read keeps the last figures: the next one may succeed.
      fetch("/api/admin/instance-metrics", { cache: "no-store" })
        .then((response) => (response.ok ? (response.json() as Promise<InstancePanel>) : null))
        .then((next) => stopped || !next || setPanel(next))
        .catch(() => {});
    }, EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  const minutesCounted = Math.max(1, Math.round((panel.readAt - panel.since) / 60_000));
  return (
    <div className="space-y-3" data-testid="instance-metrics">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        This instance&apos;s own counters (process {panel.pid}), over{" "}
        {minutesCounted >= 60 ? "the last hour" : `the ${minutesCounted} min since it started`},
        read again every {EVERY_MS / 1000} s. In a cluster each instance counts its own: scrape each
        one&apos;s <code>/api/metrics</code>. Live sessions are every instance&apos;s, from the
        database.
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3">
        <Figure label="Live web sessions" value={String(panel.live.web)} testId="live-web" />
        <Figure
          label="Live realtime sessions"
          value={String(panel.live.realtime)}
          testId="live-realtime"
        />
        <Figure label="Sign-ins" value={String(panel.signIns)} testId="sign-ins" />
        <Figure label="Refused auth requests" value={String(panel.refusals)} testId="refusals" />
        <Figure label="Throttled attempts" value={String(panel.throttled)} testId="throttled" />
        <Figure label="p95 auth latency" value={milliseconds(panel.p95)} testId="p95" />
      </dl>
      <HourChart minutes={panel.minutes} end={panel.readAt} />
    </div>
  );
}
