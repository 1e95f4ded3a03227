import type { Configuration } from "@vercel/otel";

// Next.js's own request spans carry the URL with its query (http.target, http.url): GitHub's
// OAuth callback (/api/auth/callback/github?code=…&state=…) would put a one-time credential in
// every trace store. This processor cuts the query from those attributes as each span ends,
// before the exporter that @vercel/otel adds after it ("auto") sends it.

type Processor = Exclude<NonNullable<Configuration["spanProcessors"]>[number], "auto">;

const URL_ATTRIBUTES = ["http.target", "http.url", "url.full", "url.query", "next.url"];

/** The value without its query string: `/path?code=1` → `/path?…`; a bare query → `…`. */
export function withoutQuery(value: string): string {
  const at = value.indexOf("?");
  return at === -1 ? value : `${value.slice(0, at)}?…`;
}

export const scrubUrls: Processor = {
  onStart() {},
  onEnd(span) {
    // The SDK's ended span keeps a plain attributes object, read by the exporter afterwards.
    const attributes = span.attributes as Record<string, unknown>;
    for (const name of URL_ATTRIBUTES) {
      const value = attributes[name];
      if (typeof value !== "string") continue;
      attributes[name] = name === "url.query" ? "…" : withoutQuery(value);
    }
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};
