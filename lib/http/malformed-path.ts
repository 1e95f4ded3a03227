/**
 * A path with a percent sign that does not start a valid UTF-8 escape (`%ZZ`, `%C3%28`): Next.js
 * fails to decode it into a dynamic segment and answers a bare 500, before any header is set.
 */
export function isMalformedPath(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
