/**
 * The client's address as the nearest trusted proxy reported it. Next.js fills
 * X-Forwarded-For only when it is absent, so run behind a proxy that overwrites it;
 * per-account limits do not depend on this value.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
