import { notFound } from "next/navigation";

/**
 * A server action's form, as its page sends it. Anyone can call an action with other arguments
 * (React's reply encoding carries any JSON); reading them as a form would throw, a 500. Such a call
 * comes from no page of this app: it gets the 404 that an invalid field gets, the one 4xx
 * (with 401 and 403) that Next.js lets an action answer.
 */
export function formArgument(value: FormData): FormData {
  if (value instanceof FormData) return value;
  notFound();
}
