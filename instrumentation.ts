import { reportRequestError } from "@/lib/observability/request-errors";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First of all, so that the per-client limits know every request's address.
  const { recordPeerAddresses } = await import("@/lib/http/peer-address");
  recordPeerAddresses();
  // Validates the environment and refuses to start, with one clear line, on what a deployment
  // must fix: first, as everything after it reads the environment.
  const { bootstrap } = await import("@/lib/bootstrap");
  await bootstrap();
  // Still before anything answers: Next.js waits for register() (docs/observability.md).
  const { startObservability } = await import("@/lib/observability/start");
  await startObservability();
}

export const onRequestError = reportRequestError;
