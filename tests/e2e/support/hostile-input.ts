import fc from "fast-check";
import { expect } from "../test";
import { randomLoopback, sendFrom } from "./source-address";

// Hostile requests, generated, for the specs that fuzz the auth endpoints (tests/e2e/hostile.spec.ts
// and a feature's own): odd text, bodies that look enough like the real thing, and the checks every
// answer must pass.

export type Sent = { status: number; body: string };

export const contentTypes = fc.constantFrom(
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=utf-16",
  "application/json",
  "text/plain",
  "multipart/form-data; boundary=x",
  "",
);

export const oddText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "1234.5678",
    "1.2",
    "\u0000",
    "‮1234.5678",
    "１２３４.５６７８",
    "1234.5678\n",
    "%00",
    "../../etc/passwd",
  ),
);

export const FORM = "application/x-www-form-urlencoded";

export const socketIds = fc.oneof(
  oddText,
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}.${b}`),
);

/** A form, JSON or raw body that looks enough like the real thing to get past the first checks. */
export const bodies = (fields: Record<string, fc.Arbitrary<string>>) =>
  fc.oneof(
    fc
      .record(fields, { requiredKeys: [] })
      .map((record) => new URLSearchParams(record as Record<string, string>).toString()),
    fc.record(fields, { requiredKeys: [] }).map((record) => JSON.stringify(record)),
    fc.json(),
    oddText,
    fc.nat({ max: 40_000 }).map((size) => "x".repeat(size)),
  );

/** A form with all of `fields`, one of them sent a second time: always 400. */
export const repeatedField = (fields: Record<string, fc.Arbitrary<string>>) =>
  fc
    .tuple(fc.record(fields), fc.constantFrom(...Object.keys(fields)), oddText)
    .map(([record, name, again]) => {
      const form = new URLSearchParams(record);
      form.append(name, again);
      return { contentType: FORM, body: form.toString(), headers: {}, repeated: name };
    });

export const headerSets = fc.record(
  {
    origin: fc.constantFrom("https://evil.example", "null", "http://localhost"),
    "sec-fetch-site": fc.constantFrom("cross-site", "same-site", "same-origin", "none"),
    "x-forwarded-for": fc.ipV4(),
  },
  { requiredKeys: ["x-forwarded-for"] },
);

/** Mostly malformed requests; one in five a well-formed form with a field sent twice. */
export const formRequests = (fields: Record<string, fc.Arbitrary<string>>) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        contentType: contentTypes,
        body: bodies(fields),
        headers: headerSets,
      }),
    },
    { weight: 1, arbitrary: repeatedField(fields) },
  );

/** POSTs from a random loopback address; `cookie` signs it in as the cookie's user. */
export async function send(
  url: string,
  input: { contentType: string; body: string; headers: Record<string, string> },
  cookie?: string,
): Promise<Sent> {
  const headers = {
    ...input.headers,
    ...(input.contentType && { "content-type": input.contentType }),
    ...(cookie && { cookie }),
  };
  return sendFrom(randomLoopback(), url, { headers, body: Buffer.from(input.body) });
}

export function expectRefusedCleanly(sent: Sent) {
  expect(sent.status).toBeLessThan(500);
  if (sent.status >= 400)
    expect(JSON.parse(sent.body)).toMatchObject({ error: expect.any(String) });
}

/** A repeated field is refused with 400 before anything else is read. */
export function expectRepeatedRefused(sent: Sent, name: string) {
  expect(sent.status).toBe(400);
  expect(JSON.parse(sent.body)).toEqual({
    error: "invalid_request",
    message: `${name} was sent more than once.`,
  });
}
