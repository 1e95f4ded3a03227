/**
 * A feature's own page under /app (/app/notifications...) shows no parts of /app. Without this
 * page, loading one would be a 404 (the slot would match nothing), and a link to it from /app
 * would keep /app's parts on screen: Next.js keeps a slot's last page on client navigation.
 */
export default function NoParts() {
  return null;
}
