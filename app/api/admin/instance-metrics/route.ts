import { refusal } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { currentUser, type GateResult } from "@/lib/identity/gate";
import { instancePanel } from "@/lib/observability/panel";
import { readLiveSessions } from "@/lib/sessions/live-count";

// /admin's panel reads this every few seconds: this instance's counters of the last hour, and the
// live sessions. A GET, so that polling it never looks like one of the page's actions.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function admin() {
  const result: GateResult = await currentUser();
  if (!result.ok || result.user.role === "admin") return result;
  return { ok: false as const, refusal: refusal("admin_only") };
}

export const GET = route({ caller: { cookie: admin } }, async () =>
  jsonOk(await instancePanel(await readLiveSessions())),
);
