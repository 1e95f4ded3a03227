/** Only same-origin paths: "/app" passes, "//evil.example" and "https://…" fall back. */
export function safeRedirectPath(value: unknown, fallback = "/app"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//"))
    return fallback;
  if (value.startsWith("/\\")) return fallback;
  return value;
}
