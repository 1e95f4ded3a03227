export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First of all, so that the per-client limits know every request's address.
  const { recordPeerAddresses } = await import("@/lib/http/peer-address");
  recordPeerAddresses();
  const { bootstrap } = await import("@/lib/bootstrap");
  await bootstrap();
}
