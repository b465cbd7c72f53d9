const absoluteFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const dateFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: "numeric" });

export function formatAbsoluteTime(iso: string): string {
  return absoluteFormat.format(new Date(iso));
}

/** "just now", "3 min ago", "5 h ago", "2 days ago", then the date. */
export function formatRelativeTime(iso: string, now: number): string {
  const seconds = Math.max(0, (now - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  const days = Math.floor(seconds / 86_400);
  if (days < 7) return days === 1 ? "yesterday" : `${days} days ago`;
  return dateFormat.format(new Date(iso));
}
