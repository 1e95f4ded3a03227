import { z } from "zod";

const afterSchema = z.coerce.number().int().min(0).max(2_147_483_647);

/** `?after=N` asks for the gap after N; no parameter asks for the latest messages. */
export function parseAfter(url: string): { ok: true; afterSeq?: number } | { ok: false } {
  const value = new URL(url).searchParams.get("after");
  if (value === null) return { ok: true };
  const parsed = afterSchema.safeParse(value);
  return parsed.success ? { ok: true, afterSeq: parsed.data } : { ok: false };
}

export const HISTORY_LIMIT = 100;
