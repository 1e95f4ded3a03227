import { z } from "zod";
import { type ActivityFilter, AUTH_EVENT_KINDS } from "@/lib/activity-log/events";

// /admin's Activity filters come from the query string (?user=…&kind=…), so from anyone: each is
// checked on its own, and one that does not parse is ignored with a word, never a 500.

const userFilter = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(64)
  // Sign-up's usernames, and GitHub's ("login@github").
  .regex(/^[a-z0-9_@.-]+$/);
const kindFilter = z.enum(AUTH_EVENT_KINDS);

type QueryValue = string | string[] | undefined;

export type ParsedActivityFilter = {
  filter: Pick<ActivityFilter, "username" | "kind">;
  /** The filters that were given but not understood, by name. */
  ignored: ("user" | "kind")[];
  /** The values to show back in the form. */
  values: { user: string; kind: string };
};

export function parseActivityFilter(query: Record<string, QueryValue>): ParsedActivityFilter {
  const ignored: ParsedActivityFilter["ignored"] = [];
  const read = <T>(name: "user" | "kind", schema: z.ZodType<T>): T | undefined => {
    const raw = query[name];
    if (raw === undefined || raw === "") return undefined;
    // A parameter sent twice is ambiguous: neither value is taken.
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    ignored.push(name);
    return undefined;
  };
  const username = read("user", userFilter);
  const kind = read("kind", kindFilter);
  return {
    filter: { username, kind },
    ignored,
    values: { user: username ?? "", kind: kind ?? "" },
  };
}
