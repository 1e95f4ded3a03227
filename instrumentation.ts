import { reportRequestError } from "@/lib/observability/request-errors";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First of all, so that the per-client limits know every request's address.
  const { recordPeerAddresses } = await import("@/lib/http/peer-address");
  recordPeerAddresses();
  // Before anything answers, so that every request is traced (docs/observability.md).
  const { startObservability } = await import("@/lib/observability/start");
  await startObservability();
  const { bootstrap } = await import("@/lib/bootstrap");
  await bootstrap();
}

export const onRequestError = reportRequestError;
