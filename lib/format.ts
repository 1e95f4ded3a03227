/** "30 seconds", "1 minute", "15 minutes": for messages that say when to retry. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** "2026-01-31 09:05:07 UTC", or to the minute: how the pages show an instant. */
export function formatUtc(date: Date, to: "second" | "minute" = "second"): string {
  return `${date
    .toISOString()
    .replace("T", " ")
    .slice(0, to === "second" ? 19 : 16)} UTC`;
}
