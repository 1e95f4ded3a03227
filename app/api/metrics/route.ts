import { metricsReader } from "@/lib/http/metrics-reader";
import { route } from "@/lib/http/route";
import { metrics } from "@/lib/observability/metrics";
import { readLiveSessions } from "@/lib/sessions/live-count";

// Prometheus's scrape: this instance's counters, in the text format. Each instance of a cluster
// serves its own, so Prometheus scrapes every one (docs/observability.md).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Server to server, like the webhooks: the bearer token is the caller.
export const GET = route(
  { crossSite: "allow", caller: { credential: (_input, request) => metricsReader(request) } },
  async () => {
    await readLiveSessions();
    const { registry } = metrics();
    return new Response(await registry.metrics(), {
      headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
    });
  },
);
