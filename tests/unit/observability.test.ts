import { describe, expect, it, vi } from "vitest";
import { countedClientLimiter } from "@/lib/credentials/counted-limiters";
import { withMemoryFallback } from "@/lib/credentials/password/throttle";
import { metricsRefusal } from "@/lib/http/metrics-reader";
import { histogramQuantile, lastHour } from "@/lib/observability/history";
import {
  AUTH_ENDPOINTS,
  AUTH_OUTCOMES,
  countSessionStarted,
  countSessionsEnded,
  LATENCY_BUCKETS,
  metrics,
  outcomeOf,
  THROTTLE_SCOPES,
} from "@/lib/observability/metrics";
import { observeAuthRequest } from "@/lib/observability/tracing";
import { SESSION_END_REASONS } from "@/lib/vocabulary/end-reason";
import { AUTH_FLOWS, SESSION_STORES, SIGN_IN_METHODS } from "@/lib/vocabulary/session-kinds";
import { complete, issues } from "./env-issues";

// The registry that GET /api/metrics and /admin read: one per process, its labels from fixed
// lists only, its outcomes by status, and its hour's latency as Prometheus would compute it.

/** Every `name{labels} value` line of the text format, as name, labels and value. */
async function series() {
  const text = await metrics().registry.metrics();
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`Not a sample: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]),
      );
      return { name: match[1] ?? "", labels, value: Number(match[3]) };
    });
}

async function value(name: string, labels: Record<string, string>): Promise<number> {
  const all = await series();
  const found = all.find(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted),
  );
  return found?.value ?? 0;
}

const answer = (status: number) => async () => new Response(null, { status });

describe("the metrics registry", () => {
  it("is one per process, however many copies of its module are loaded", async () => {
    const first = metrics();
    vi.resetModules();
    const again = await import("@/lib/observability/metrics");
    expect(again.metrics()).toBe(first);
    expect(again.metrics().registry).toBe(first.registry);
  });

  it("lists every series from the start, at 0 until counted", async () => {
    const all = await series();
    const listed = (name: string, labels: Record<string, string>) =>
      all.some(
        (sample) =>
          sample.name === name &&
          Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted),
      );
    for (const endpoint of AUTH_ENDPOINTS) {
      for (const outcome of AUTH_OUTCOMES) {
        expect(listed("realtime_auth_requests_total", { endpoint, outcome })).toBe(true);
      }
      expect(listed("realtime_auth_request_duration_seconds_count", { endpoint })).toBe(true);
    }
    for (const outcome of AUTH_OUTCOMES) {
      expect(listed("realtime_channel_auth_answers_total", { outcome })).toBe(true);
    }
    for (const scope of THROTTLE_SCOPES) {
      expect(listed("realtime_throttle_refusals_total", { scope })).toBe(true);
    }
    for (const reason of SESSION_END_REASONS) {
      expect(listed("realtime_sessions_ended_total", { reason })).toBe(true);
    }
    expect(await value("realtime_sessions_ended_total", { reason: "password_reset" })).toBe(0);
  });

  it("counts an auth request by outcome: 2xx ok, 4xx (429 too) refused, 5xx and throws error", async () => {
    expect([200, 201, 401, 403, 429, 500, 503].map(outcomeOf)).toEqual([
      "ok",
      "ok",
      "refused",
      "refused",
      "refused",
      "error",
      "error",
    ]);
    const before = {
      ok: await value("realtime_auth_requests_total", { endpoint: "rotate", outcome: "ok" }),
      refused: await value("realtime_auth_requests_total", {
        endpoint: "rotate",
        outcome: "refused",
      }),
      error: await value("realtime_auth_requests_total", { endpoint: "rotate", outcome: "error" }),
      timed: await value("realtime_auth_request_duration_seconds_count", { endpoint: "rotate" }),
    };
    await observeAuthRequest("rotate", answer(200));
    await observeAuthRequest("rotate", answer(429));
    await expect(
      observeAuthRequest("rotate", async () => {
        throw new Error("a bug");
      }),
    ).rejects.toThrow("a bug");
    expect(await value("realtime_auth_requests_total", { endpoint: "rotate", outcome: "ok" })).toBe(
      before.ok + 1,
    );
    expect(
      await value("realtime_auth_requests_total", { endpoint: "rotate", outcome: "refused" }),
    ).toBe(before.refused + 1);
    expect(
      await value("realtime_auth_requests_total", { endpoint: "rotate", outcome: "error" }),
    ).toBe(before.error + 1);
    expect(
      await value("realtime_auth_request_duration_seconds_count", { endpoint: "rotate" }),
    ).toBe(before.timed + 3);
  });

  it("counts a request under the endpoint it turned out to be (user-auth with a ticket)", async () => {
    const label = { endpoint: "ticket_exchange", outcome: "ok" };
    const before = await value("realtime_auth_requests_total", label);
    await observeAuthRequest("user_auth", async (observation) => {
      observation.endpoint = "ticket_exchange";
      return new Response(null, { status: 200 });
    });
    expect(await value("realtime_auth_requests_total", label)).toBe(before + 1);
  });

  it("counts each refusal of a limiter under its scope, and nothing when it allows", async () => {
    const unreachable = {
      take: async (): Promise<number> => {
        throw new Error("the database is down");
      },
    };
    const limit = { points: 1, durationSeconds: 60 };
    const tickets = countedClientLimiter("tickets", withMemoryFallback(unreachable, limit));
    const before = await value("realtime_throttle_refusals_total", { scope: "tickets" });
    expect(await tickets.take("user-1")).toBe(0);
    expect(await value("realtime_throttle_refusals_total", { scope: "tickets" })).toBe(before);
    expect(await tickets.take("user-1")).toBeGreaterThan(0);
    expect(await value("realtime_throttle_refusals_total", { scope: "tickets" })).toBe(before + 1);
  });

  it("labels every series from the fixed lists only: never a name, a token, an address or an id", async () => {
    countSessionStarted({ kind: "web", method: "credentials" });
    countSessionStarted({ kind: "realtime", method: "service" });
    countSessionsEnded("signed_out", 2);
    const allowed: Record<string, readonly string[]> = {
      endpoint: AUTH_ENDPOINTS,
      outcome: AUTH_OUTCOMES,
      kind: SESSION_STORES,
      method: [...SIGN_IN_METHODS, ...AUTH_FLOWS],
      reason: SESSION_END_REASONS,
      scope: THROTTLE_SCOPES,
      le: [...LATENCY_BUCKETS.map(String), "+Inf"],
    };
    const all = await series();
    expect(all.length).toBeGreaterThan(0);
    for (const sample of all) {
      for (const [name, label] of Object.entries(sample.labels)) {
        expect(allowed[name], `${sample.name}: label ${name}`).toBeDefined();
        expect(allowed[name], `${sample.name}{${name}="${label}"}`).toContain(label);
      }
    }
  });
});

describe("the last hour", () => {
  it("takes the 95th percentile as Prometheus's histogram_quantile does", () => {
    const bounds = [0.01, 0.1, 1, Number.POSITIVE_INFINITY];
    expect(histogramQuantile(0.95, bounds, [0, 0, 0, 0])).toBeNull();
    // 100 requests, all within 10 ms: the 95th lies 95% of the way through the first bucket.
    expect(histogramQuantile(0.95, bounds, [100, 100, 100, 100])).toBeCloseTo(0.0095);
    // 90 within 10 ms, 10 between 10 and 100 ms: the 95th is half-way through the second.
    expect(histogramQuantile(0.95, bounds, [90, 100, 100, 100])).toBeCloseTo(0.055);
    // Past the last finite bound: that bound, as Prometheus answers.
    expect(histogramQuantile(0.95, bounds, [0, 0, 0, 10])).toBe(1);
  });

  it("counts what happened since the process started, within the hour, minute by minute", async () => {
    const before = await lastHour();
    countSessionStarted({ kind: "web", method: "github" });
    await observeAuthRequest("channel_auth", answer(403));
    const hour = await lastHour();
    // A slow webhook is no user's wait: it leaves the p95 as it was.
    await observeAuthRequest("webhook", async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return new Response(null, { status: 200 });
    });
    expect((await lastHour()).p95).toBe(hour.p95);
    // No minute reading yet: the hour began with this process, whose counters began at zero.
    expect(hour.since).toBe(before.since);
    expect(hour.since).toBeLessThanOrEqual(Date.now() - process.uptime() * 1000 + 1000);
    expect(hour.signIns).toBe(before.signIns + 1);
    expect(hour.refusals).toBe(before.refusals + 1);
    expect(hour.p95).not.toBeNull();
    expect(hour.minutes.at(-1)?.signIns).toBe(hour.signIns);
  });
});

describe("GET /api/metrics's gate", () => {
  const token = "t".repeat(40);

  it("is off (404) without METRICS_TOKEN", () => {
    expect(metricsRefusal(`Bearer ${token}`, undefined)?.code).toBe("metrics_off");
    expect(metricsRefusal(`Bearer ${token}`, undefined)?.status).toBe(404);
  });

  it("refuses (401) a missing, malformed or wrong token, and takes the right one", () => {
    for (const header of [null, "", token, `Basic ${token}`, `Bearer ${token}x`, `Bearer ${"t"}`]) {
      const refused = metricsRefusal(header, token);
      expect(refused?.code, String(header)).toBe("metrics_token_required");
      expect(refused?.status).toBe(401);
    }
    expect(metricsRefusal(`Bearer ${token}`, token)).toBeNull();
  });

  it("takes the scheme in any case, as HTTP's is (RFC 9110 §11.1)", () => {
    for (const scheme of ["bearer", "BEARER", "BeArEr"]) {
      expect(metricsRefusal(`${scheme} ${token}`, token), scheme).toBeNull();
    }
  });

  it("asks for a token of at least 32 characters", () => {
    expect(issues({ ...complete, METRICS_TOKEN: "short" }).join()).toMatch(/METRICS_TOKEN/);
    expect(issues({ ...complete, METRICS_TOKEN: token })).toEqual([]);
  });
});
