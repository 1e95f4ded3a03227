/**
 * A feature's own page under /app (/app/notifications...), loaded as a new page, shows no parts
 * of /app. (A link from /app keeps the slot's last page on screen, as Next.js does on client
 * navigation: such a page adds `@features/<its segment>/page.tsx` returning null to clear it.)
 */
export default function NoParts() {
  return null;
}
