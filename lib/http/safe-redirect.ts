// Where to go after signing in. Browsers drop tabs and newlines from a URL, read "\" as "/", and
// so turn "/\t/evil.example" or "/\\evil.example" into "//evil.example", another site. The value
// is therefore parsed the way a browser parses it, and only a same-origin path survives.

const BASE = "http://same-origin.invalid";

export function safeRedirectPath(value: unknown, fallback = "/app"): string {
  if (typeof value !== "string" || value.length > 2_048) return fallback;
  const cleaned = value.replace(/[\t\n\r]/g, "");
  if (!cleaned.startsWith("/") || /^\/[/\\]/.test(cleaned)) return fallback;
  let url: URL;
  try {
    url = new URL(cleaned, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // "/%2F%2Fevil.example" is a path here, but a server or router that decodes it may disagree.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (/^\/[/\\]/.test(decoded) || [...decoded].some((c) => c < " ")) return fallback;
  // The URL parser percent-encodes anything else, so the result is ASCII and safe in a header.
  return `${url.pathname}${url.search}${url.hash}`;
}
