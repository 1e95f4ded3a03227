import "server-only";
import type { RealtimeResult } from "@/lib/credentials/realtime-result";
import { serviceAuthEnabled, serviceFlowAdmits } from "@/lib/credentials/service/switch";
import { type Refusal, refusal } from "@/lib/http/errors";

// The operator's switch as the service flow's credentials meet it: its endpoints, its tickets
// and the realtime sessions they started.

export const SERVICE_AUTH_DISABLED = refusal("service_auth_disabled");

/**
 * Who may call the service endpoints: anyone, while the operator's switch is on. Asked before the
 * body is read, after the cross-site rule (lib/http/route.ts).
 */
export async function serviceOpen(): Promise<
  { ok: true } | { ok: false; refusal: Refusal<"service_auth_disabled"> }
> {
  if (await serviceAuthEnabled()) return { ok: true };
  return { ok: false, refusal: SERVICE_AUTH_DISABLED };
}

/**
 * The switch's verdict on a ticket or session of the service flow made at `createdAt`: off tells
 * its user more than "ended"; one made before the switch was last turned on gets `predates`.
 */
export async function serviceSwitchRefusal(
  createdAt: Date,
  predates: () => RealtimeResult,
): Promise<RealtimeResult | undefined> {
  const verdict = await serviceFlowAdmits(createdAt);
  if (verdict === "off") return { ok: false, refusal: SERVICE_AUTH_DISABLED };
  return verdict === "predates" ? predates() : undefined;
}
