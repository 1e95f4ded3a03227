import type { APIRequestContext } from "@playwright/test";

// GET /api/metrics as Prometheus scrapes it: the shared stacks set this token
// (tests/e2e/global-setup.ts), the specs read the text format back into numbers.

export const METRICS_TOKEN = "e2e-metrics-token-that-is-long-enough";

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export type Scrape = { text: string; value(name: string, labels?: Record<string, string>): number };

/** The stack's metrics, summed over the series that carry `labels`. */
export async function scrape(request: APIRequestContext, baseURL?: string): Promise<Scrape> {
  const answer = await request.get(`${baseURL ?? ""}/api/metrics`, {
    headers: bearer(METRICS_TOKEN),
  });
  if (answer.status() !== 200) throw new Error(`GET /api/metrics: ${answer.status()}`);
  const text = await answer.text();
  const samples = text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [, name = "", labels = "", value = "0"] = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line) ?? [];
      const pairs = [...labels.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, text]) => [key, text]);
      return { name, labels: Object.fromEntries(pairs), value: Number(value) };
    });
  return {
    text,
    value: (name, labels = {}) =>
      samples
        .filter((sample) => sample.name === name)
        .filter((sample) =>
          Object.entries(labels).every(([key, text]) => sample.labels[key] === text),
        )
        .reduce((sum, sample) => sum + sample.value, 0),
  };
}
