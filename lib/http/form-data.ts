/**
 * A form field's one value, or undefined when it is missing, not text, or sent more than once:
 * a request that could be read two ways (first value or last) is not read at all.
 */
export function formField(formData: FormData, name: string): string | undefined {
  const values = formData.getAll(name);
  return values.length === 1 && typeof values[0] === "string" ? values[0] : undefined;
}
